$SH -c 'set -- $(i=0; while [ $i -lt 5000 ]; do echo $i; i=$((i+1)); done); echo $# ${5000}'
