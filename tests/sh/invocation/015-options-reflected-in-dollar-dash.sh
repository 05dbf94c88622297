$SH -e -u -c 'case $- in *e*u*|*u*e*) echo eu ;; esac'
$SH -f -c 'case $- in *f*) echo f ;; esac'
