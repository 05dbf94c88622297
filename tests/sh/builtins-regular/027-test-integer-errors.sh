test a -eq 1 2>/dev/null; echo "non-integer-gt1=$([ $? -gt 1 ] && echo yes)"
[ 1 -lt ] 2>/dev/null; echo "missing-operand-gt1=$([ $? -gt 1 ] && echo yes)"
[ x 2>/dev/null; echo "missing-bracket-gt1=$([ $? -gt 1 ] && echo yes)"
