(unset u; : ${u?oops}; echo not-here) 2>/dev/null
echo "st-nonzero=$([ $? -ne 0 ] && echo yes)"
echo still-running
