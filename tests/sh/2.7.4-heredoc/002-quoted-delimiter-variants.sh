x=val
cat <<'A'
single $x $(echo no) \$ \\
A
cat <<"B"
double $x `echo no`
B
cat <<\C
backslash $x
C
cat <<E"O"F
partial $x
EOF
