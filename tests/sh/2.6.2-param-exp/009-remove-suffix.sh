x=file.tar.gz
echo ${x%.*} ${x%%.*} ${x%.gz} ${x%nomatch} ${x%*}
echo ${x%%*} "[${x%%*}]"
