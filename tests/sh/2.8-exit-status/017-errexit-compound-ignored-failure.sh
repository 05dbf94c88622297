$SH -ec '{ false && true; }; echo group-survived'; echo "st=$?"
$SH -ec 'if true; then false && true; fi; echo if-survived'; echo "st=$?"
$SH -ec 'for i in 1; do false || false; done; echo not-here'; echo "st=$?"
