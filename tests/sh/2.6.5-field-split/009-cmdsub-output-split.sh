set -- $(printf 'one two\nthree\n\nfour'); echo $#
IFS='
'
set -- $(printf 'one two\nthree\n\nfour'); echo $#
printf '[%s]' "$@"; echo
