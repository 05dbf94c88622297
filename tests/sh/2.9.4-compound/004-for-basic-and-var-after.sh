for i in a b c; do printf '%s ' "$i"; done; echo
echo "after: $i"
for i in; do echo never; done
echo "empty list leaves i=$i"
