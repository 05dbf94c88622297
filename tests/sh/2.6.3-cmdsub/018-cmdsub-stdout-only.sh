x=$(echo out; echo err >&2) 2>/dev/null
echo "[$x]"
y=$(echo err2 >&2 2>&1) 2>/dev/null
echo "[$y]"
z=$( { echo e3 >&2; } 2>&1 )
echo "[$z]"
