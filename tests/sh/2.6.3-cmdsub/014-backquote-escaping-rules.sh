x=val
echo `echo \$x`
echo `echo '\$x'`
echo "`echo \"\$x\"`" 2>/dev/null | tr -d '\\'
