set -- -b
getopts b: opt 2>err; echo "opt=$opt OPTARG=${OPTARG-unset}"
[ -s err ] && echo has-message
