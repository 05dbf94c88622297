alias hi='echo hello'
$SH -c 'hi' 2>/dev/null; echo "st=$?"
(hi)
