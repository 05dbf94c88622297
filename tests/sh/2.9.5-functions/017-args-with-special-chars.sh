f() { for a; do printf '[%s]' "$a"; done; echo " n=$#"; }
f 'a b' '' '*' '$x'
f "$@"
set -- p1 'p 2'
f "$@" end
