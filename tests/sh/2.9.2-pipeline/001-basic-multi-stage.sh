echo 'c b a' | tr ' ' '\n' | sort | tr '\n' ' '; echo
printf '1\n2\n3\n' | while read -r n; do echo $((n*2)); done | tail -n 1
