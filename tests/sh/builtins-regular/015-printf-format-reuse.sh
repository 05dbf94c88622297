printf '%s-%s\n' a b c
printf '%s\n' one two three
printf '[%d]' 1 2 3; echo
