$SH -c 'true; false'; echo $?
$SH -c 'false; true'; echo $?
$SH -c ''; echo "empty=$?"
$SH -c '# only a comment'; echo "comment=$?"
