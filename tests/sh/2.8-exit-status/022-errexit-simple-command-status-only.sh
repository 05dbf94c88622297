$SH -ec 'x=1 false; echo no'; echo "st=$?"
$SH -ec 'command false; echo no'; echo "st=$?"
$SH -ec 'eval false; echo no'; echo "st=$?"
