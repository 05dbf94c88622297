if true; then (exit 3); fi; echo $?
if false; then :; elif false; then :; fi; echo $?
if (exit 5); then :; else echo "else sees $?"; fi
