unset u
echo $((u+1)) $((u))
