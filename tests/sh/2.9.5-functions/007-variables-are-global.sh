f() { x=set-in-f; }
unset x
f
echo "x=$x"
