$SH -ec '(exit 42)'; echo "st=$?"
$SH -ec 'sh -c "exit 3"; echo no'; echo "st=$?"
