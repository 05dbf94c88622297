set -- -x -a
getopts a opt 2>err; echo "st=$? opt=$opt OPTARG=${OPTARG-unset}"
[ -s err ] && echo has-message
getopts a opt; echo "st=$? opt=$opt"
