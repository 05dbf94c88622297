v=before
{ sleep 0.1; echo "bg sees: $v"; } &
v=after
wait
echo "main: $v"
