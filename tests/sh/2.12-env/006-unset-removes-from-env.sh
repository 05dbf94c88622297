export U1=present
unset U1
sh -c 'echo "U1=${U1-unset}"'
