unset x
echo ${x:-"}"} ${x:-\}} ${x:-'}'}end
echo "${x:-{a}}"
