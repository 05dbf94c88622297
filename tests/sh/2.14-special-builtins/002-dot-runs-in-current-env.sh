printf 'x=from-dot\nf() { echo dot-function; }\n' >lib.sh
. ./lib.sh
echo "$x"
f
