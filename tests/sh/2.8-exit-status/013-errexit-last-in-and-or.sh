$SH -ec 'true && false; echo not-here'; echo "st=$?"
$SH -ec 'false || false; echo not-here'; echo "st=$?"
$SH -ec 'false && true; echo here'; echo "st=$?"
