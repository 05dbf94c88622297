$SH -c 'exit'; echo $?
$SH -c 'false; exit'; echo $?
$SH -c 'exit 3; echo no'; echo $?
(exit 0); echo $?
$SH -c '(exit 4); echo "sub=$?"; exit 1'; echo $?
