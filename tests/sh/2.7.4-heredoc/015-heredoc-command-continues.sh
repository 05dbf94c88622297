cat <<EOF && echo and-list
body
EOF
cat <<EOF | wc -l | tr -d ' '
a
b
EOF
