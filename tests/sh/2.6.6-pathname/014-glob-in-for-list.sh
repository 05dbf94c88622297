touch f3 f1 f2
for f in f*; do echo "$f"; done
for f in nope*; do echo "[$f]"; done
