times >t
lines=$(wc -l <t)
echo "lines=$((lines))"
sed -n 1p t | grep -Eq '^[0-9]+m[0-9]+([.,][0-9]+)?s [0-9]+m[0-9]+([.,][0-9]+)?s$' && echo line1-format
sed -n 2p t | grep -Eq '^[0-9]+m[0-9]+([.,][0-9]+)?s [0-9]+m[0-9]+([.,][0-9]+)?s$' && echo line2-format
