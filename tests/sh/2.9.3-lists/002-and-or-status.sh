true && false; echo $?
false || true; echo $?
false && true; echo $?
true || false; echo $?
