[ a = a ] && echo closed
[ a = a 2>/dev/null; echo "unclosed-gt1=$([ $? -gt 1 ] && echo yes)"
