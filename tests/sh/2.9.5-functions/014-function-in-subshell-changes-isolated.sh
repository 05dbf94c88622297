f() { y=changed; }
y=orig
(f; echo "sub: $y")
echo "main: $y"
z=$(f; echo "$y"); echo "cmdsub: $z main: $y"
