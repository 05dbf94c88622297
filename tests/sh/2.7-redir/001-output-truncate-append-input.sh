echo one >f
echo two >f
echo three >>f
cat f
cat <f | wc -l | tr -d ' '
echo new >>created; cat created
