$SH -c 'set -n; echo not-run'
echo "st=$?"
