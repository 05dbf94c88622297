IFS=0
set -- $((101)); echo "$# [$1] [$2]"
unset IFS
