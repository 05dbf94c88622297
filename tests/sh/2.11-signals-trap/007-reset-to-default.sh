$SH -c 'trap "echo caught" USR1; trap - USR1; kill -USR1 $$; echo not-here'
kill -l $?
