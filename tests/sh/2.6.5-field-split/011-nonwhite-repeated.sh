IFS=x
x=axxb
set -- $x; printf '[%s]' "$@"; echo " $#"
x=xxa
set -- $x; printf '[%s]' "$@"; echo " $#"
