kill -l >list
for s in HUP INT QUIT KILL TERM USR1 USR2; do
  grep -qw "$s" list && printf '%s ' "$s"
done; echo
kill -l 9
kill -l 15
kill -l 143
