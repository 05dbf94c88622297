n=0
until false; do
  n=$((n+1))
  [ $n -lt 3 ] && continue
  break
done
echo "n=$n"
