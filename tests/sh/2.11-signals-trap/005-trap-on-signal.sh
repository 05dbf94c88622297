trap 'echo got-usr1' USR1
kill -USR1 $$
echo after-kill
trap 'echo got-term' TERM
kill -TERM $$
echo survived-term
