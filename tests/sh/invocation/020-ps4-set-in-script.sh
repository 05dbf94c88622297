$SH -c 'PS4=">> "; set -x; echo a' 2>err
cat err
$SH -x -c 'PS4="++ "; echo b' 2>err
sed -n '$p' err
