$SH -uc 'echo "$unsetvar"; echo after' 2>/dev/null; echo "st-nonzero=$([ $? -ne 0 ] && echo yes)"
$SH -uc 'echo "${unsetvar-ok}" "$#" "$@"; echo after'
$SH -uc 'set -- a; echo "$1"; echo "$2"' 2>/dev/null; echo "st-nonzero=$([ $? -ne 0 ] && echo yes)"
