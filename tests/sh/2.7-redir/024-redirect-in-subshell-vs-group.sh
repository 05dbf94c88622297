(exec >sub-out; echo one)
echo two
cat sub-out
{ exec 6>grp-out; }
echo via-six >&6
exec 6>&-
cat grp-out
