$SH -c 'set -x; echo traced; x=1; set +x; echo untraced' 2>err
cat err
