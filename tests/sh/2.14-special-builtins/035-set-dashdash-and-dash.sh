set -- -a -b
echo "$#"
set - x y
echo "$# $1"
