f() { return 255; }
f; echo $?
g() { return 0; }
g; echo $?
