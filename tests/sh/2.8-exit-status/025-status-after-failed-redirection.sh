false
echo x >nodir/f 2>/dev/null
echo "st-nonzero=$([ $? -ne 0 ] && echo yes)"
true >/dev/null; echo "st=$?"
