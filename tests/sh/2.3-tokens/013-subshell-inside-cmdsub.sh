echo $( (echo sub) )
echo $( ( echo "a b" ) | tr ' ' - )
