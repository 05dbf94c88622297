$SH -c 'export -z 2>/dev/null; echo after' ; echo "export-exit=$([ $? -ne 0 ] && echo yes)"
$SH -c 'set -- a; shift x 2>/dev/null; echo after' ; echo "shift-exit=$([ $? -ne 0 ] && echo yes)"
