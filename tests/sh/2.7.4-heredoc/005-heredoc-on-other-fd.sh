cat 3<<EOF <&3
on-three
EOF
cat 3<<A 4<<B <&4
three
A
four
B
