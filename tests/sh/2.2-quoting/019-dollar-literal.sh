echo $ "$" a$ "a$" $/ "$ x" $.
echo '$' "\$x"
