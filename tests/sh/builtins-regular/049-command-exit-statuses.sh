command nosuch-cmd-xyz 2>/dev/null; echo $?
printf 'x\n' >ne; chmod 644 ne
command ./ne 2>/dev/null; echo $?
command false; echo $?
