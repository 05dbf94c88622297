set -- -a -b
getopts ab o1; getopts ab o2
echo "$o1$o2 OPTIND=$OPTIND"
OPTIND=1
getopts ab o3; echo "again=$o3"
