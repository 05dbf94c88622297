x=val
echo "'$x'" "'\$x'"
echo "it's" 'say "hi"'
