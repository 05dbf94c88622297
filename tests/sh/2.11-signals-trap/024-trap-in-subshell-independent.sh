trap 'echo parent-usr1' USR1
(trap 'echo child-usr1' USR1; kill -USR1 $$ ; echo sub-done)
echo main-done
