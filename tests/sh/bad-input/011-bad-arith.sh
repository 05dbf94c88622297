for e in '1 +' '2 ** ' '(1' '1)' '!' 'x y'; do
  $SH -c "echo \$(($e)); echo after" >out 2>err
  echo "[$e] st-nonzero=$([ $? -ne 0 ] && echo yes) out=[$(cat out)] msg=$([ -s err ] && echo yes)"
done
