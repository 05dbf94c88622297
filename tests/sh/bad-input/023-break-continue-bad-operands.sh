$SH -c 'for i in 1; do break 0; done; echo after' 2>/dev/null; echo "break0-st-nonzero=$([ $? -ne 0 ] && echo yes)"
$SH -c 'for i in 1; do continue x; done; echo after' 2>/dev/null; echo "continuex-st-nonzero=$([ $? -ne 0 ] && echo yes)"
