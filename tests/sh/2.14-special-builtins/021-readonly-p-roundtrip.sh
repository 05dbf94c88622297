readonly RA=1 RB='a b' RC="x'y"
readonly -p >ro0
grep 'R[ABC]=' ro0 >ro
grep -c 'RB=' ro
$SH -c '. ./ro; echo "$RA|$RB|$RC"; RB=2' 2>/dev/null; echo "st-nonzero=$([ $? -ne 0 ] && echo yes)"
