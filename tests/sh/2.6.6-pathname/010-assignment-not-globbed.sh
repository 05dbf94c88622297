touch w1 w2
x=w*
echo "$x"
echo $x
