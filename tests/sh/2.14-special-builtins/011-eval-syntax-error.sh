$SH -c 'eval "if then"; echo after' 2>/dev/null; echo "st-nonzero=$([ $? -ne 0 ] && echo yes)"
