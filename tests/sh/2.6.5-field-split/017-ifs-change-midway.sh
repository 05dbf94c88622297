x='a:b c'
IFS=:; set -- $x; n1=$#
IFS=' '; set -- $x; n2=$#
echo "$n1 $n2"
