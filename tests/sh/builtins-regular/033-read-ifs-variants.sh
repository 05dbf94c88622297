echo 'a:b:c:d' | { IFS=: read x y; echo "[$x][$y]"; }
echo '  keep  spaces  ' | { IFS= read -r l; echo "[$l]"; }
echo 'a::b' | { IFS=: read x y z; echo "[$x][$y][$z]"; }
printf 'a\tb c\n' | { IFS='	' read x y; echo "[$x][$y]"; }
