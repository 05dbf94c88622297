x='$y'; y=1
echo $x "$x"
z='$(echo no)'; echo $z
w='`echo no`'; echo $w
