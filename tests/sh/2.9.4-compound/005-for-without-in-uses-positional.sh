set -- 'x y' z
for a; do echo "[$a]"; done
for b
do echo "<$b>"; done
f() { for p do echo "f:$p"; done; }
f 1 2
