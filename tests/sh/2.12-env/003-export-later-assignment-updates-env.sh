export E1
E1=value
sh -c 'echo "E1=$E1"'
E1=second
sh -c 'echo "E1=$E1"'
