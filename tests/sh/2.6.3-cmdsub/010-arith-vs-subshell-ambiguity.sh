echo $((1+2))
echo $( (echo subshell) )
echo $(( (1+2) * 3 ))
