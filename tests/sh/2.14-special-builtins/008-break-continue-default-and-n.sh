for i in 1 2 3; do
  for j in a b; do
    [ $j = b ] && continue 1
    [ $i = 2 ] && continue 2
    [ $i = 3 ] && break 1
    echo "$i$j"
  done
  echo "end-inner $i"
done
