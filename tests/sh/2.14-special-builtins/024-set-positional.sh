set -- a b c
echo "$# $*"
set -- -x -- y
echo "$# $*"
set --
echo "$#"
set x y
echo "$# $*"
