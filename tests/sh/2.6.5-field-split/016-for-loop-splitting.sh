IFS=,
list='a,b,,c'
for i in $list; do printf '[%s]' "$i"; done; echo
for i in "$list"; do printf '[%s]' "$i"; done; echo
