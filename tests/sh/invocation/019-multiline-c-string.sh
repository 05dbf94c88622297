$SH -c 'x=1
if [ $x = 1 ]; then
  echo multi-line
fi'
