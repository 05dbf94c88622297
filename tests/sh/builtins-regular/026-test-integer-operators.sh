for op in -eq -ne -lt -le -gt -ge; do
  r=
  for p in '1 2' '2 2' '3 2' '-5 2' '10 9'; do
    set -- $p
    if test "$1" $op "$2"; then r="$r T"; else r="$r F"; fi
  done
  echo "$op:$r"
done
test 01 -eq 1 && echo leading-zero-numeric
