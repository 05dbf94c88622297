x=global
f() { local x=local; echo "in f: $x"; g; }
g() { echo "g sees: $x"; }
f
echo "after: $x"
