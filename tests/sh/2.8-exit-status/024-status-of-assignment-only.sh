x=1; echo $?
false; x=2; echo $?
x=$(exit 9); echo $?
x=$(exit 9) y=2; echo $?
