printf 'l1\nl2\n' >f
exec 4<f
cat <&4
exec 4<&-
cat 0<f | head -n 1
