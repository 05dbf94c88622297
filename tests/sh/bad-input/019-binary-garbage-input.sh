printf 'echo ok\n' >s.sh
printf '\001\002\003 \377\376\n' >>s.sh
printf 'echo still\n' >>s.sh
$SH s.sh >out 2>/dev/null
st=$?
cat out
[ $st -lt 128 ] && echo no-crash
