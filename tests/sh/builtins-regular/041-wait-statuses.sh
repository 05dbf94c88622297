sleep 5 & p=$!
kill $p
wait $p; st=$?
echo "killed: $(kill -l $st)"
(exit 3) & a=$!
(exit 5) & b=$!
wait $a $b; echo "last-operand=$?"
wait; echo "no-args=$?"
