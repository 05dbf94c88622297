$SH -c 'set -e; set +e; false; echo disabled'; echo "st=$?"
$SH -c 'set -o errexit; false; echo no'; echo "st=$?"
