echo 'a b c' | { read x y; echo "[$x][$y]"; }
echo '  lead  trail  ' | { read x; echo "[$x]"; }
echo 'one' | { read x y z; echo "[$x][$y][$z]"; }
