exec 3>f3
echo to-three >&3
echo more >&3
exec 3>&-
cat f3
exec 4<f3
read -r a <&4; read -r b <&4
echo "$a|$b"
exec 4<&-
