x=$(false); echo $?
x=$(exit 3); echo $?
echo $(false) >/dev/null; echo $?
x=$(true) y=$(exit 4); echo $?
