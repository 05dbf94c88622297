set -- a b
printf 'echo "in dot: $#"\n' >pp.sh
. ./pp.sh
