exec 3>child
sh -c 'echo from-child >&3'
$SH -c 'echo from-sh >&3'
exec 3>&-
cat child
