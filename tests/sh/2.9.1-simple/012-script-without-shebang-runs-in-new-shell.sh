f() { echo function; }
printf 'f 2>/dev/null || echo no-function-in-child\n' >s
chmod +x s
./s
