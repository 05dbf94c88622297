printf 'echo line1\necho line2\n(\n' >s.sh
$SH s.sh 2>/dev/null; echo "st=$?"
