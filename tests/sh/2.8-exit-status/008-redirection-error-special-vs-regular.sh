$SH -c ': >nodir/f; echo after-special' 2>/dev/null; echo "special-exited=$([ $? -ne 0 ] && echo yes)"
$SH -c 'true >nodir/f; echo after-regular' 2>/dev/null
$SH -c 'command : >nodir/f; echo after-command' 2>/dev/null
$SH -c '{ :; } >nodir/f; echo after-compound' 2>/dev/null
