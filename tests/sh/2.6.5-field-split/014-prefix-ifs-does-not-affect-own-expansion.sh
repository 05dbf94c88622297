x=a:b
IFS=: set -- $x
echo "$# [$IFS]"
unset IFS
