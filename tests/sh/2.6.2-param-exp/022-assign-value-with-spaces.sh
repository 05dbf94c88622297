unset v
printf '[%s]' ${v=a  b}; echo
printf '[%s]' "$v"; echo
unset v
printf '[%s]' "${v=c  d}"; echo
