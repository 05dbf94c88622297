list='a b'
for i in $list; do list='x y z'; echo "$i"; done
