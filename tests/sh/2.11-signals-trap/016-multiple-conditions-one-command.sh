trap 'echo multi' USR1 USR2
kill -USR1 $$; kill -USR2 $$
trap - USR1 USR2
trap '' USR1
kill -USR1 $$; echo ignored-now
