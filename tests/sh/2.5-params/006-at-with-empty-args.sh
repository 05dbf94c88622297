set -- '' ''
printf '[%s]' "$@"; echo " $#"
set -- "$@" ''
echo $#
printf '[%s]' $@; echo ' unquoted'
set -- $@; echo "after unquoted reset: $#"
