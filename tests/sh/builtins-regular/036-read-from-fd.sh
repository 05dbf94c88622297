printf 'x1\nx2\n' >f
exec 3<f
read -r p <&3
read -r q <&3
exec 3<&-
echo "$p $q"
