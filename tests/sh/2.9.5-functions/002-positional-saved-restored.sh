set -- outer1 outer2
f() { echo "in: $# $1 $2"; set -- changed; echo "set: $1"; shift; echo "shifted: $#"; }
f a b c
echo "out: $# $1 $2"
