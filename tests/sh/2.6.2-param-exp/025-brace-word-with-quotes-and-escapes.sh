unset u
echo "${u:-a\"b}" ${u:-a\ b} "${u:-\$x}" ${u:-'$x'}
printf '%s\n' "${u:-\\}"
