trap 'echo "a b" '"'"'c'"'" USR1
trap "echo \"it's\"" USR2
trap >saved
trap - USR1 USR2
trap >empty; [ -s empty ] || echo cleared
. ./saved
kill -USR1 $$
kill -USR2 $$
