printf 'a\nb\nc\n' >data
while read -r l <&3; do echo "$l"; done 3<data
exec 3<data
read -r x <&3; read -r y <&3
echo "$x$y"
exec 3<&-
