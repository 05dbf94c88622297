f() { echo "in f"; echo ferr >&2; }
f >fo 2>fe
cat fo fe
g() { echo g-body; } >go
g; g
cat go
