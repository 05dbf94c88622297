f() { IFS=,; echo "$*"; }
f a b c
IFS=' '
