x=$(echo 'a   b')
echo "[$x]"
set -- $(printf 'a\nb\n'); echo $#
