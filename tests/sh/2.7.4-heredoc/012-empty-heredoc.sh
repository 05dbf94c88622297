cat <<EOF
EOF
echo "[$(cat <<EOF
EOF
)]"
