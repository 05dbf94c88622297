true; echo $?
false; echo $?
(exit 42); echo $?
sh -c 'exit 7'; echo $?
echo $?
false; echo "$(echo $?)"
