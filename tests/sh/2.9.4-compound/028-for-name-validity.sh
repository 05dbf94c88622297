for _x1 in a; do echo "$_x1"; done
$SH -c 'for 1x in a; do :; done' 2>/dev/null; echo "bad-name=$?"
