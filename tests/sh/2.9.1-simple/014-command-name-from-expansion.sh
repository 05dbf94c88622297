cmd=echo
$cmd hello
c2='echo split words'
$c2 here
e=
$e echo empty-first-field
"$e" 2>/dev/null; echo "empty-cmd-st-nonzero=$([ $? -ne 0 ] && echo yes)"
