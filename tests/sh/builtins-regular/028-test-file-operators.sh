touch empty; echo data >full; mkdir dir; ln -s full link; ln -s nowhere dangling
mkfifo fifo
chmod 755 full
for t in -e -f -d -h -L -p -x -r; do
  r=
  for f in empty full dir link dangling fifo missing; do
    if test $t $f; then r="$r $f"; fi
  done
  echo "$t:$r"
done
test -s full && test ! -s empty && test ! -s missing && echo s-ok
test -c /dev/null && echo devnull-char
test -b /dev/null || echo devnull-not-block
