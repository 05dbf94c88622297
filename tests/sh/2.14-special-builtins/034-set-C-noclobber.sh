echo a >f
$SH -Cc 'echo b >f' 2>/dev/null; echo "st-nonzero=$([ $? -ne 0 ] && echo yes)"
cat f
$SH -Cc 'echo c >|f'
cat f
