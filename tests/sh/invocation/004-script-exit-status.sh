printf 'echo running\nexit 7\necho never\n' >s.sh
$SH s.sh; echo "st=$?"
printf 'false\n' >f.sh
$SH f.sh; echo "st=$?"
: >empty.sh
$SH empty.sh; echo "empty=$?"
