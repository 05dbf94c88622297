exec 3>three
echo via-three >&3
exec 3>&-
cat three
exec 4<three
read -r l <&4; echo "read: $l"
