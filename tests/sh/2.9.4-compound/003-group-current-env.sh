x=1
{ x=2; y=3; }
echo "$x $y"
{ echo a; echo b; } | wc -l | tr -d ' '
