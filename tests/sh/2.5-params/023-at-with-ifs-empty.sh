set -- 'a b' 'c d'
IFS=
printf '[%s]' $@; echo
printf '[%s]' $*; echo
printf '[%s]' "$*"; echo
x=$*; echo "[$x]"
