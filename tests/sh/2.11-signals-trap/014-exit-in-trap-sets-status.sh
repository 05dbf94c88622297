$SH -c 'trap "echo trap; exit 9" USR1; kill -USR1 $$; echo not-here'; echo "st=$?"
