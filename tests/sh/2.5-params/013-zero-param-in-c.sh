$SH -c 'echo "[$0] [$1] [$#]"' myname arg1
$SH -c 'echo "[$1] [$2]"' myname
printf 'echo "script:$0 $#"\n' >s.sh
$SH s.sh a b
$SH ./s.sh
