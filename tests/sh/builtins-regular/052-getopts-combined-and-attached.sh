set -- -ab val -bother -ca
while getopts ab:c opt; do echo "$opt:${OPTARG-}"; done
echo "OPTIND=$OPTIND"
