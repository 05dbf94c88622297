printf 'data\n' >in
cat <in | cat
echo direct | cat - in
