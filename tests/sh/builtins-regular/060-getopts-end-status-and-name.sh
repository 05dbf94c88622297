set -- plain
getopts a opt; echo "st=$? opt=$opt OPTIND=$OPTIND"
set --
OPTIND=1
getopts a opt; echo "st=$? opt=$opt"
