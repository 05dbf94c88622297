trap '' USR1
kill -USR1 $$
echo survived
$SH -c 'kill -USR1 $$; echo child-survived-ignored'
