set -a
AX=1
set +a
sh -c 'echo "AX=${AX-unset}"'
printf 'echo verbose-run\n' >v.sh
$SH -v v.sh 2>err
grep -q 'echo verbose-run' err && echo verbose-on-stderr
$SH -c 'set -v; echo after-set-v' 2>/dev/null
