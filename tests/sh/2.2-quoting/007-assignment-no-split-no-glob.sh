touch f1 f2
x='a   b'
y=$x
z=f*
echo "[$y]" "[$z]"
w=$x$z; echo "[$w]"
