$SH -c 'set -- ""; : ${1:=x}; echo after' 2>/dev/null; echo "st-nonzero=$([ $? -ne 0 ] && echo yes)"
$SH -c 'set --; : ${1=x}; echo after' 2>/dev/null; echo "st-nonzero=$([ $? -ne 0 ] && echo yes)"
