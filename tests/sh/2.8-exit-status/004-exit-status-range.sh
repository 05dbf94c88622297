for n in 0 1 2 100 125 255; do
  $SH -c "exit $n"; printf '%s ' $?
done; echo
