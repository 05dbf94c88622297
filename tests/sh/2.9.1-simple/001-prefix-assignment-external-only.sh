x=outer
x=inner sh -c 'echo "child:$x"'
echo "parent:$x"
unset y
y=tmp sh -c 'echo "child:$y"'
echo "parent:[${y-unset}]"
