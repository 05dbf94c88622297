! true | true; echo $?
! true | false; echo $?
if ! echo x | grep -q y; then echo negated-if; fi
