>f1 echo before
echo mid >f2 args
echo a b >f3 c
cat f1 f2 f3
