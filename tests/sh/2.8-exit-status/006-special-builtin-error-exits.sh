$SH -c 'set -o nosuchoption 2>/dev/null; echo after-set'; echo "st-nonzero=$([ $? -ne 0 ] && echo yes)"
$SH -c 'export -z 2>/dev/null; echo after-export'; echo "st-nonzero=$([ $? -ne 0 ] && echo yes)"
$SH -c '. ./nosuchfile; echo after-dot' 2>/dev/null; echo "st-nonzero=$([ $? -ne 0 ] && echo yes)"
