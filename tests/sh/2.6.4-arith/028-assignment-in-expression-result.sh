x=1
echo $(( (x=4) * 2 )) $x
y=2; echo $(( y*=y )) $y
