(exit 3); echo $?
(false; true); echo $?
(exit 2) || echo "or-branch $?"
