echo hello >in
y=$(cat <in)
echo "[$y]"
