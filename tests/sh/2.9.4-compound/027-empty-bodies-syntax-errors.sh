$SH -c 'if true; then fi' 2>/dev/null; echo "if-empty=$?"
$SH -c 'while true; do done' 2>/dev/null; echo "while-empty=$?"
$SH -c '{ }' 2>/dev/null; echo "group-empty=$?"
$SH -c '( )' 2>/dev/null; echo "subshell-empty=$?"
