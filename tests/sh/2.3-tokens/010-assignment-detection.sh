x=1 y=2 sh -c 'echo "$x$y"'
echo x=1
"x"=1 2>/dev/null; echo "st=$?"
x\=2 2>/dev/null; echo "st=$?"
a=b=c; echo "$a"
