for e in '1 +' '(1' '1 2' '* 3' '1 = 2'; do
  $SH -c "echo \$(($e))" >/dev/null 2>&1 && echo "$e: accepted" || echo "$e: error"
done
