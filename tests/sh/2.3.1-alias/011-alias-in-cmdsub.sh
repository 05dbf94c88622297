alias up='tr a-z A-Z'
x=$(echo abc | up)
echo "$x"
echo "$(up <<EOF
heredoc
EOF
)"
