unset E2
export E2
sh -c 'echo "E2=${E2-unset}"'
