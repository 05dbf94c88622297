readonly R1=one
echo "$R1"
$SH -c 'readonly R=1; R=2; echo after' 2>/dev/null; echo "st-nonzero=$([ $? -ne 0 ] && echo yes)"
$SH -c 'readonly R=1; unset R; echo after' 2>/dev/null; echo "unset-st-nonzero=$([ $? -ne 0 ] && echo yes)"
