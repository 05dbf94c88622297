set -- -b -a -a
while getopts ab: opt; do echo "$opt ${OPTARG-}"; done
