$SH -c 'trap "false; exit" EXIT; true'; echo "st=$?"
$SH -c 'trap "(exit 4); exit" EXIT; exit 2'; echo "st=$?"
