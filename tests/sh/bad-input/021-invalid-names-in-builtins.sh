$SH -c 'export 1bad=x' 2>/dev/null; echo "export-st-nonzero=$([ $? -ne 0 ] && echo yes)"
$SH -c 'readonly a-b=1' 2>/dev/null; echo "readonly-st-nonzero=$([ $? -ne 0 ] && echo yes)"
$SH -c 'echo v | read -r 1bad' 2>/dev/null; echo "read-st-nonzero=$([ $? -ne 0 ] && echo yes)"
