IFS=:
x='a::b:'
set -- $x; echo $#
printf '[%s]' "$@"; echo
x=':a'
set -- $x; printf '[%s]' "$@"; echo
x=':'
set -- $x; echo "$#"
