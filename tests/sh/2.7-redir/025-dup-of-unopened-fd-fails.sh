echo x >&7 2>/dev/null; echo "st-nonzero=$([ $? -ne 0 ] && echo yes)"
cat <&8 2>/dev/null; echo "st-nonzero=$([ $? -ne 0 ] && echo yes)"
