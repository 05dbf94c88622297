base=$PWD
touch file
cd nonexistent-dir 2>err; echo "st-nonzero=$([ $? -ne 0 ] && echo yes)"
[ -s err ] && echo has-message
cd file 2>/dev/null; echo "file-st-nonzero=$([ $? -ne 0 ] && echo yes)"
[ "$PWD" = "$base" ] && echo pwd-unchanged
