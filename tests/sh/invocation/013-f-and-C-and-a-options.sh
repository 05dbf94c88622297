touch g1
$SH -f -c 'echo g*'
echo a >f
$SH -C -c 'echo b >f' 2>/dev/null; cat f
$SH -a -c 'V=1; sh -c "echo \${V-unset}"'
