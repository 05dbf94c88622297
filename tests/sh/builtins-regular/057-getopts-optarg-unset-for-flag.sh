# posix-differs-from-dash: POSIX says OPTARG shall be unset when the option found takes no argument; dash sets it to the empty string
OPTARG=stale
set -- -a
getopts a opt; echo "opt=$opt OPTARG=${OPTARG-unset}"
