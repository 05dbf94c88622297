set -- p1 p2
unset u
cat <<EOF
[$u] [$1] [$#] [$*] [${u:-def}]
EOF
