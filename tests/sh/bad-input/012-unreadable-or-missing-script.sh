# posix-differs-from-dash: dash exits 2 for a missing script (POSIX: 127) and silently runs a directory as an empty script with status 0
$SH ./missing.sh 2>/dev/null; echo "missing=$?"
mkdir dir.sh
$SH ./dir.sh 2>err; echo "directory-st-nonzero=$([ $? -ne 0 ] && echo yes)"
[ -s err ] && echo directory-message
