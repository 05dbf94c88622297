f() { echo v1; }
f
f() { echo v2; }
f
unset -f f
f 2>/dev/null || echo gone
