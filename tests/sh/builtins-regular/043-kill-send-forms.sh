trap 'echo got-usr1' USR1
kill -s USR1 $$
kill -USR1 $$
sleep 5 & p=$!
kill -s TERM $p; wait $p; kill -l $?
sleep 5 & p=$!
kill -s KILL $p; wait $p; kill -l $?
