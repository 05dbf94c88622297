if cat <<EOF
cond-body
EOF
then echo then-branch; fi
