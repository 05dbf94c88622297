echo $((a=b=c=7)) $a $b $c
