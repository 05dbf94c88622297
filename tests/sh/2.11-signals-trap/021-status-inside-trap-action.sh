trap 'echo "in-trap status=$?"' USR1
(exit 3)
kill -USR1 $$
echo "after status=$?"
