a=1 b=$a c=$b$a
echo "$a $b $c"
x=1; x=2 y=$x; echo "$y"
