IFS=:
echo a:b
x=a:b
echo $x
set -- a:b$x; echo $#
