$SH -n -c 'echo not-executed'; echo "st=$?"
printf 'echo not-run\n' >s.sh
$SH -n s.sh; echo "st=$?"
printf 'if then fi\n' >bad.sh
$SH -n bad.sh 2>/dev/null; echo "syntax-st-nonzero=$([ $? -ne 0 ] && echo yes)"
