! true && echo no || echo or-taken
! false || echo no2
echo "end $?"
