echo one 1>f
cat 0<f
echo err 2>&1 1>/dev/null
sh -c 'echo e >&2' 2>&1 | cat
