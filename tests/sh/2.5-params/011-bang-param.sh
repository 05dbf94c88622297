sleep 0 &
p=$!
case $p in ''|*[!0-9]*) echo bad ;; *) echo numeric ;; esac
wait $p; echo "wait=$?"
(exit 3) &
wait $!; echo "wait=$?"
