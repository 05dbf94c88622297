$SH -x -c 'echo hi; y=2' 2>err >out
echo "out: $(cat out)"
echo "err:"; cat err
