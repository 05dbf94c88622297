echo 12 >out; cat out
echo a1 2 >out; cat out
x=2; echo v $x>out; cat out
