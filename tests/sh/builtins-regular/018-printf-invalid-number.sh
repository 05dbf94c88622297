printf '%d\n' abc 2>/dev/null; echo "st=$?"
printf '%d|' 12abc 2>err; echo " st-nonzero=$([ $? -ne 0 ] && echo yes)"
[ -s err ] && echo has-message
printf '%d|%d\n' 1 bad 2>/dev/null; echo "st=$?"
