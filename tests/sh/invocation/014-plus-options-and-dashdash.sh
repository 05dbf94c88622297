$SH +e -c 'false; echo plus-e'
printf 'echo "args: $*"\n' >s.sh
$SH -- s.sh -x -y
