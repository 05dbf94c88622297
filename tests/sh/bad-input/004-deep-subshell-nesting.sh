n=200
s=; i=0; while [ $i -lt $n ]; do s="$s( "; i=$((i+1)); done
s="${s}echo deep"
i=0; while [ $i -lt $n ]; do s="$s)"; i=$((i+1)); done
$SH -c "$s"; echo "st=$?"
