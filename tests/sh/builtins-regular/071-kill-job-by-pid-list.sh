sleep 5 & a=$!
sleep 5 & b=$!
kill $a $b
wait $a; s1=$?
wait $b; s2=$?
echo "$(kill -l $s1) $(kill -l $s2)"
