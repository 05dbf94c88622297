ec\
ho foo\
bar
echo "dq\
joined"
echo 'sq\
kept'
x=ab\
cd; echo $x
