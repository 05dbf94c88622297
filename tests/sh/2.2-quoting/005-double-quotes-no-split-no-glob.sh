touch a1 a2
x='a   b  a*'
echo "$x"
echo $x
printf '[%s]' "$x" $x; echo
