for a in 1 2; do
  for b in 1 2; do
    break 5
  done
  echo never
done
echo "after a=$a b=$b"
