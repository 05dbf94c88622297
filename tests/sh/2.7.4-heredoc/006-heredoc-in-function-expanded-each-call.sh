f() {
  cat <<EOF
n=$n
EOF
}
n=1; f
n=2; f
