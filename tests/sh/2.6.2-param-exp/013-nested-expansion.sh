unset a b
c=deep
echo ${a:-${b:-$c}} "${a:-"${b:-"x $c"}"}"
x=abc.txt; ext=txt
echo ${x%.$ext} ${x%".${ext}"}
