x=$(false); echo $?
x=$(true); echo $?
false; x=$(true); echo $?
