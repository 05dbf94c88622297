yes | head -n 3
i=0; while :; do echo $i; i=$((i+1)); done | head -n 2
echo "st=$?"
