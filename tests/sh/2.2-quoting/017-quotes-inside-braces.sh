unset x
echo "${x:-"a  b"}"
printf '[%s]' ${x:-"a  b"}; echo
printf '[%s]' ${x:-a  b}; echo
printf '[%s]' "${x:-'q'}"; echo
printf '[%s]' ${x:-'q  r'}; echo
