$SH -ec 'echo one; false; echo two'; echo "st=$?"
$SH -ec 'echo one; (exit 3); echo two'; echo "st=$?"
$SH -c 'set -e; true; echo ok'; echo "st=$?"
