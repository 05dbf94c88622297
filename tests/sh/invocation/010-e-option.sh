$SH -e -c 'echo one; false; echo two'; echo "st=$?"
$SH -o errexit -c 'false; echo no'; echo "st=$?"
$SH -e -c 'set +e; false; echo plus-e-ok'; echo "st=$?"
