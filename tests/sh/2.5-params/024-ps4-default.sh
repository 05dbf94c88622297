$SH -xc 'echo hi' 2>err >/dev/null
cat err
