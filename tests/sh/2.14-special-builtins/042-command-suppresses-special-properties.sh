$SH -c 'command set -o nosuchopt 2>/dev/null; echo "survived st-nonzero=$([ $? -ne 0 ] && echo yes)"'
$SH -c 'command . ./nosuch 2>/dev/null; echo survived-dot'
$SH -c 'command : >nodir/f 2>/dev/null; echo survived-redirect'
