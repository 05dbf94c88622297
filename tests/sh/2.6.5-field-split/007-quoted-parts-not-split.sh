x='a b'
set -- "$x"$x; echo $#
printf '[%s]' "$@"; echo
set -- $x"$x"; printf '[%s]' "$@"; echo
