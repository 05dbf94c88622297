x='line1
line2'
echo "$x"
echo $x
