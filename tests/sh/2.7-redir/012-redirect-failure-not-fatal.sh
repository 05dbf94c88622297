cat <nonexistent 2>/dev/null; echo "st-nonzero=$([ $? -ne 0 ] && echo yes)"
echo hidden >nodir/f 2>/dev/null; echo "st-nonzero=$([ $? -ne 0 ] && echo yes)"
{ echo in-group; } >nodir/g 2>/dev/null; echo "group-st-nonzero=$([ $? -ne 0 ] && echo yes)"
echo still-running
