x='X  Y'
echo a"b c"'d e'f\ g"$x"'$x'
printf '<%s>' a"b c"'d e'f; echo
