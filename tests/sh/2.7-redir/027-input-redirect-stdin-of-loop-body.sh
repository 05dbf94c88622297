printf '1\n2\n' >nums
while read -r n; do
  echo "n=$n"
  read -r m <nums
  echo "m=$m"
done <nums
