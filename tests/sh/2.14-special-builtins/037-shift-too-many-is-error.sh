$SH -c 'set -- a; shift 2 2>/dev/null || exit 3; echo after' ; echo "failed=$([ $? -ne 0 ] && echo yes)"
$SH -c 'set -- a; command shift 2; echo "after-command st-nonzero=$([ $? -ne 0 ] && echo yes)"' 2>/dev/null
