f() { return 2; }
f; echo $?
g() { true; return; }
g; echo $?
printf 'return 5\n' >ret.sh
. ./ret.sh; echo $?
h() { . ./ret.sh; echo "after dot in h: $?"; }
h
