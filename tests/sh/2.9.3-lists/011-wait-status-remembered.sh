(exit 9) & p=$!
sleep 0.3
wait $p; echo "late-wait=$?"
