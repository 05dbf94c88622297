IFS='\'
x='a\b'
set -- $x; printf '[%s]' "$@"; echo
