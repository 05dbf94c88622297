cat <<EOF
$ at-end $
100% {braces} [brackets] *star* ~tilde
EOF
