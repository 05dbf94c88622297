x='"quoted"'
echo $x "$x"
y="\\n"
printf '%s|' "$y" $y; echo
