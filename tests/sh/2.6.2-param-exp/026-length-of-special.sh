set -- abc defgh
echo ${#1} ${#2} ${#}
x='a
b'; echo ${#x}
