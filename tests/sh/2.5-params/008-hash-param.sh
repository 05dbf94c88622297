set -- a b c
echo $# ${#} "$#"
f() { echo "in f: $#"; }
f x y
echo "after f: $#"
