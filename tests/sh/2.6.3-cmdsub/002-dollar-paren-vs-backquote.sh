a=$(echo one)
b=`echo one`
[ "$a" = "$b" ] && echo same
echo $(echo $(echo nested))
echo `echo \`echo nested-bq\``
