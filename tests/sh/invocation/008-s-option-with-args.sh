echo 'echo "$# $1 $2"' | $SH -s a b
echo 'echo "[$0]" >/dev/null; echo "args=$*"' | $SH -s -- -x y
