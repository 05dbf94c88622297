sh -c 'exit 33'; echo $?
printf 'exit 44\n' >ex; chmod +x ex; ./ex; echo $?
