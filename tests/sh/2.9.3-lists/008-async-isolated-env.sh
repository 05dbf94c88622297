x=1
{ x=2; echo "in-bg x=$x"; } &
wait
echo "x=$x"
