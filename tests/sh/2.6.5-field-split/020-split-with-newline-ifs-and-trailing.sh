IFS='
'
x='l1

l3
'
set -- $x; printf '[%s]' "$@"; echo " $#"
