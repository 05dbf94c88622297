trap 'echo parent-caught' USR1
$SH -c 'kill -USR1 $$; echo not-here'
kill -l $?
