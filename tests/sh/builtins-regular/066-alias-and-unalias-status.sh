alias x1='echo one'; echo "def=$?"
unalias x1; echo "unalias=$?"
unalias x1 2>/dev/null; echo "again-nonzero=$([ $? -ne 0 ] && echo yes)"
