_=1; a_b=2; A9=3; _x_=4
echo "$a_b$A9$_x_"
echo $a_b-x ${a_b}x $A9a.
