$SH -c 'exec echo replaced; echo never'
$SH -c 'exec sh -c "exit 7"; echo never'; echo "st=$?"
