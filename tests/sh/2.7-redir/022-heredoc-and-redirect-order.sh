cat <<EOF >out 2>&1
text
EOF
cat out
