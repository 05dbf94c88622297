set -- -a -b val -c file1 file2
while getopts ab:c opt; do
  case $opt in
    b) echo "opt=$opt arg=$OPTARG" ;;
    *) echo "opt=$opt" ;;
  esac
done
echo "OPTIND=$OPTIND"
shift $((OPTIND - 1))
echo "rest: $*"
