trap 'echo trapped' USR1
(sleep 0.3; kill -USR1 $$) &
sleep 1
echo after-sleep
wait
