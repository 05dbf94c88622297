printf '%b\n' 'a\tb' | od -An -c | tr -s ' '
printf '%b|' 'c\0101' '\\' 'x\ny'; echo
printf '%b\n' 'visible\cinvisible' 'never'; echo "<after>"
printf '%s\n' 'a\tb'
