while getopts xy: opt -x -y arg extra; do echo "$opt ${OPTARG-}"; done
echo "OPTIND=$OPTIND"
