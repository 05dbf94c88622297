export P=parent
$SH -c 'P=child; echo "child sees change: $P"'
echo "parent keeps: $P"
P=override $SH -c 'echo "prefix: $P"'
echo "after prefix: $P"
