printf '%s\n' `printf '%s\n' \\\\`
echo `echo \$HOME | sed 's/.*/dollar-escaped/'`
echo `echo a\`echo b\`c`
x=`echo 'single  q'`; echo "$x"
