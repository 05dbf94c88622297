x=val
echo $x.y $x-y $x/y ${x}y "$x"y $xy.
