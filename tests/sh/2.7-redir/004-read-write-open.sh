echo hello >rw
exec 3<>rw
read -r x <&3
echo "read:$x"
echo appended >&3
exec 3>&-
cat rw
exec 5<>newfile
echo created >&5
exec 5>&-
cat newfile
