echo 'a b' | { read x y z w; echo "[$x][$y][$z][$w]"; }
