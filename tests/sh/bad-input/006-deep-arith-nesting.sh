n=500
s=$(awk -v n=$n 'BEGIN { for (i = 0; i < n; i++) printf "("; printf "1"; for (i = 0; i < n; i++) printf "+1)"; }')
$SH -c "echo \$(($s))"
