cat <<EOF | tr a-z A-Z | sed 's/^/> /'
lower case
second
EOF
