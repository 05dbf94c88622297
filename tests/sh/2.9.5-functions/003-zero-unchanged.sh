printf 'f() { echo "$0"; }\nf\n' >s.sh
$SH s.sh
$SH -c 'f() { echo "$0"; }; f' name
