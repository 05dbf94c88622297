x=aXbXcXd
echo ${x#*X} ${x##*X} ${x%X*} ${x%%X*}
echo ${x#a*} ${x##a*} "[${x%%a*}]"
