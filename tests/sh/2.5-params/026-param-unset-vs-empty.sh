unset u; e=
echo "${u-unset} ${e-unset} [${u+set}] [${e+set}]"
set -- ""
echo "${1-unset} [${1+set}] ${2-unset2}"
