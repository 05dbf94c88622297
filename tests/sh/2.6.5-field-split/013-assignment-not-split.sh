x='a b c'
y=$x; set -- $y; echo $#
z="$x"; echo "$z"
