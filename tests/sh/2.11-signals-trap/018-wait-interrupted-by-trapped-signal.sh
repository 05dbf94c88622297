trap 'echo trapped' USR1
sleep 3 &
sp=$!
(sleep 0.5; kill -USR1 $$) &
wait $sp
st=$?
[ $st -gt 128 ] && echo "wait-interrupted"
kill $sp 2>/dev/null
wait
