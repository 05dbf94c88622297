w=$(awk 'BEGIN { for (i = 0; i < 100000; i++) printf "x" }')
$SH -c "x=$w; echo \${#x}"
