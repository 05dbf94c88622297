set -- a
1=x 2>/dev/null; echo "st=$?"
echo "$1"
