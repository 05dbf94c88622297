# posix-differs-from-dash: dash exits with status 2 when the script file does not exist; POSIX sh requires 127
$SH ./no-such-script 2>err; echo "st=$?"
[ -s err ] && echo has-message
$SH no-such-script-either 2>/dev/null; echo "st=$?"
