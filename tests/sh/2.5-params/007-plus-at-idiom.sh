set --
printf '[%s]' ${1+"$@"}; echo " $#"
set -- 'a b' c
printf '[%s]' ${1+"$@"}; echo
