touch s1.c s2.c
x='*.c x'
set -- $x; printf '[%s]' "$@"; echo
set -f; set -- $x; printf '[%s]' "$@"; echo; set +f
