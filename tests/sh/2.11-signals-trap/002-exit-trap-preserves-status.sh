$SH -c 'trap "echo in-trap" EXIT; exit 3'; echo "st=$?"
$SH -c 'trap "echo status=\$?" EXIT; false'; echo "st=$?"
$SH -c 'trap "exit 5" EXIT; true'; echo "st=$?"
