$SH -c 'readonly r=1; r=2 :; echo after' 2>/dev/null; echo "exited=$([ $? -ne 0 ] && echo yes)"
$SH -c 'readonly r=1; r=2; echo after' 2>/dev/null; echo "exited=$([ $? -ne 0 ] && echo yes)"
$SH -c 'readonly r=1; export r=2; echo after' 2>/dev/null; echo "exited=$([ $? -ne 0 ] && echo yes)"
