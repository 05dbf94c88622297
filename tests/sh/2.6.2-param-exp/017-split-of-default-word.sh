unset u
printf '[%s]' ${u:-a b}; echo
printf '[%s]' "${u:-a b}"; echo
printf '[%s]' ${u:-"a b"} c; echo
printf '[%s]' ${u:-'a  b'}; echo
IFS=:; printf '[%s]' ${u:-a:b}; echo
