set -- -a -- -b
while getopts ab opt; do echo "opt=$opt"; done
echo "OPTIND=$OPTIND rest=$(shift $((OPTIND-1)); echo "$*")"
OPTIND=1
set -- -a file -b
while getopts ab opt; do echo "opt=$opt"; done
echo "OPTIND=$OPTIND"
