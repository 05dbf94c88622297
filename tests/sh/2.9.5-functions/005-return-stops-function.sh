f() { echo one; return 0; echo never; }
f
g() { for i in 1 2 3; do [ $i = 2 ] && return 7; echo "i$i"; done; echo never; }
g; echo "st=$?"
