$SH -ec '(false; echo sub-not-here); echo not-here'; echo "st=$?"
$SH -ec 'x=$(false); echo not-here'; echo "st=$?"
$SH -ec 'echo "[$(false)]"; echo here'; echo "st=$?"
