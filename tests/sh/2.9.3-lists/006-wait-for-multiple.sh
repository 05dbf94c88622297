(exit 1) & a=$!
(exit 2) & b=$!
wait $a; echo "a=$?"
wait $b; echo "b=$?"
(exit 3) & (exit 4) &
wait; echo "wait-all=$?"
