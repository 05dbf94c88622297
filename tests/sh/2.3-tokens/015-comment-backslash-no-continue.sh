# this comment ends with a backslash \
echo visible
