(exit 7) &
p=$!
wait $p; echo "wait=$?"
sh -c 'exit 3' & q=$!
wait $q; echo "wait=$?"
