printf 'a\\b c\\ d\n' | { read x y; printf '[%s][%s]\n' "$x" "$y"; }
printf 'a\\b c\\ d\n' | { read -r x y; printf '[%s][%s]\n' "$x" "$y"; }
printf 'one\\\ntwo\n' | { read x; printf '[%s]\n' "$x"; }
printf 'one\\\ntwo\n' | { read -r x; printf '[%s]\n' "$x"; }
