(sleep 0.2; echo bg-done) &
echo fg-first
wait
echo after-wait
