$SH -c 'PS4="[\$x] "; x=1; set -x; echo a' 2>err
cat err
