(cat <<EOF
in-subshell
EOF
)
{ cat <<EOF
in-group
EOF
}
