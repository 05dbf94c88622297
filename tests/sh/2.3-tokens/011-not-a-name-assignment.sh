=x 2>/dev/null; echo "st=$?"
1a=2 2>/dev/null; echo "st=$?"
_ok=3; echo "$_ok"
a_1=4; echo "$a_1"
