trap 'echo hi' USR1
trap '' USR2
trap 'echo "quoted arg"' EXIT
trap >list
sort list
trap - EXIT
