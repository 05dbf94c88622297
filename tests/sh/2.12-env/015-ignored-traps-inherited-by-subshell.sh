trap '' USR1
(kill -USR1 $$; $SH -c 'kill -USR1 $PPID'; echo sub-survived)
echo main-survived
