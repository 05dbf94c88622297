IFS=': '
x=' a: b::c '
set -- $x
printf '[%s]' "$@"; echo " $#"
x='a : b'
set -- $x; printf '[%s]' "$@"; echo
