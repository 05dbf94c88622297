f() { echo "f-$1"; }
for i in $(f a) $(f b); do echo "$i"; done
r=$(f "$(f x)"); echo "$r"
