set -- a b
(set -- x; echo "sub: $*")
echo "main: $*"
