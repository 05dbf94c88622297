IFS=
x='a b:c'
set -- $x; echo "$# [$1]"
set -- $x $x; echo $#
