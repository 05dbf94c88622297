eval 'cat <<EOF
from eval
EOF'
x=1
eval "cat <<'EOF'
literal \$x
EOF"
