up() { tr a-z A-Z; }
echo hello | up | up
f() { echo "$1-$#"; }
f arg two | cat
