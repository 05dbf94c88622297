$SH -c 'kill -TERM $$; echo notreached'
st=$?
[ $st -gt 128 ] && echo above-128
kill -l $st
$SH -c 'kill -KILL $$'
kill -l $?
