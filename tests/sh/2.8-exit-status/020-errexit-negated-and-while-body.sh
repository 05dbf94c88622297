$SH -ec '! false; echo neg-ok; ! true; echo neg-true-ok'; echo "st=$?"
$SH -ec 'i=0; while [ $i -lt 2 ]; do i=$((i+1)); false; done; echo not-here'; echo "st=$?"
