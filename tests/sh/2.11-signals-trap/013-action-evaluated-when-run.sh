trap 'echo "x=$x"' EXIT
x=late
