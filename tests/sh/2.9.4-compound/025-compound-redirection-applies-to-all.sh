{ echo one; echo two >&2; } >out 2>&1
cat out
for i in 1 2; do echo "l$i"; done 2>/dev/null >>out
cat out
