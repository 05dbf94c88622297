$SH -c 'unset u; echo before; echo ${u?custom message}; echo after' >out 2>err
echo "st-nonzero=$([ $? -ne 0 ] && echo yes)"
cat out
grep -q 'custom message' err && echo msg-ok
