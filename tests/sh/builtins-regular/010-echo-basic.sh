echo
echo a   b
echo "a   b"
echo -- x
echo ''
echo '' ''
