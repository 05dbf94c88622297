eval echo a b 'c  d'
eval 'x=1; y=$((x+1))'; echo "$x $y"
cmd='echo "q  d"'; eval "$cmd"
eval 'for i in 1 2; do printf "%s" $i; done'; echo
