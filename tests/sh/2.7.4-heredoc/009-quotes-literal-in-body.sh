x=val
cat <<EOF
"$x" '$x' "it's"
EOF
