set -- -x -b
getopts :ab: opt; echo "opt=$opt OPTARG=$OPTARG"
getopts :ab: opt; echo "opt=$opt OPTARG=$OPTARG"
getopts :ab: opt; echo "end st=$? opt=$opt"
