$SH -ec 'false | true; echo pipe-ok'; echo "st=$?"
$SH -ec 'true | false; echo not-here'; echo "st=$?"
