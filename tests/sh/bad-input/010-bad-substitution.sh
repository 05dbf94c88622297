$SH -c 'echo ${x!}' 2>/dev/null; echo "st-nonzero=$([ $? -ne 0 ] && echo yes)"
$SH -c 'echo ${}' 2>/dev/null; echo "st-nonzero=$([ $? -ne 0 ] && echo yes)"
$SH -c 'echo ${=x}' 2>/dev/null; echo "st-nonzero=$([ $? -ne 0 ] && echo yes)"
