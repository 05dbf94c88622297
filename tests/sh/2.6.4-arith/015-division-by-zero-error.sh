$SH -c 'echo $((1/0)); echo after' >out 2>err; st=$?
[ $st -ne 0 ] && echo failed
[ -s err ] && echo has-message
cat out
$SH -c 'x=0; echo $((5%x))' 2>/dev/null; [ $? -ne 0 ] && echo mod-failed
