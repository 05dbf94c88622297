x=$((7*6))
[ $((x%2)) -eq 0 ] && echo even
[ $x -eq 42 ] && echo forty-two
