x=v
echo "$(echo "a \"b\" $x")"
echo "$(echo 'single "in" double')"
echo "$(echo "\$x")"
