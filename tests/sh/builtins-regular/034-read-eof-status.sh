printf 'partial' | { read x; echo "st=$? x=[$x]"; }
printf '' | { x=old; read x; echo "st=$? x=[$x]"; }
printf 'l1\nl2' | { n=0; while read -r l; do n=$((n+1)); done; echo "n=$n last=[$l]"; }
