touch c1 c2
printf '[%s]' $(echo 'a  b c*'); echo
printf '[%s]' "$(echo 'a  b c*')"; echo
