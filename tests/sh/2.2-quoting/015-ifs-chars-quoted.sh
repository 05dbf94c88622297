IFS=:
x=a:b:c
echo "$x"
echo $x
set -- $x; echo $#
set -- "$x"; echo $#
