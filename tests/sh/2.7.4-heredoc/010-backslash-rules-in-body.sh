cat <<EOF
a\b \" \' \\ \$ \`
line\
joined
EOF
cat <<'EOF'
a\b line\
notjoined
EOF
