n=50
s='echo inner'
i=0; while [ $i -lt $n ]; do s="echo \$($s)"; i=$((i+1)); done
$SH -c "$s"
