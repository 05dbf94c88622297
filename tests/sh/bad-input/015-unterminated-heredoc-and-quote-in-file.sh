printf 'echo start\necho "open\n' >q.sh
$SH q.sh >out 2>err; echo "st-nonzero=$([ $? -ne 0 ] && echo yes)"
[ -s err ] && echo has-message
