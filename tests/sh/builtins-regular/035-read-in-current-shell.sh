printf 'first\nsecond\n' >f
read -r v <f
echo "v=$v"
{ read -r a; read -r b; } <f
echo "$a,$b"
