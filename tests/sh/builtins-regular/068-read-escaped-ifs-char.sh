echo 'a\ b c' | { read x y; printf '[%s][%s]\n' "$x" "$y"; }
echo 'a\:b:c' | { IFS=: read x y; printf '[%s][%s]\n' "$x" "$y"; }
echo 'a\:b:c' | { IFS=: read -r x y; printf '[%s][%s]\n' "$x" "$y"; }
