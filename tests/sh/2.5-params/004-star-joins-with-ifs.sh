set -- a 'b c' d
IFS=:
echo "$*"
IFS=
echo "$*"
unset IFS
echo "$*"
IFS=':-'
echo "$*"
