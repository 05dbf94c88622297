x=`echo "a  b"`; echo "$x"
echo "`echo 'x  y'`"
echo "`echo \"esc\"`" >/dev/null
echo "$(echo '$(not) `run`')"
