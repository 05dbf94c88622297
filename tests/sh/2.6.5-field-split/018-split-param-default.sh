unset u
IFS=,
set -- ${u:-a,b,c}; echo $#
set -- ${u:-"a,b"},c; echo "$# [$1]"
