x=$(cat <<EOF
line one
line $((1+1))
EOF
)
echo "$x"
y=$(cat <<'EOF'
no $expansion here
EOF
); echo "$y"
