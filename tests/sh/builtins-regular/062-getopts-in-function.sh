f() {
  OPTIND=1
  while getopts n: o; do echo "f: $o $OPTARG"; done
  shift $((OPTIND-1)); echo "f rest: $*"
}
f -n 5 x y
f -n 6
