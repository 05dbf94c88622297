$SH -c 'eval "fi"; echo after' 2>/dev/null; echo "eval-st=$?"
printf 'done\n' >bad.sh
$SH -c '. ./bad.sh; echo after' 2>/dev/null; echo "dot-st-nonzero=$([ $? -ne 0 ] && echo yes)"
