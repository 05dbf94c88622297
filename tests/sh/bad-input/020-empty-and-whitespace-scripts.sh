: >e.sh
$SH e.sh; echo "empty=$?"
printf '\n\n   \n\t\n# c\n' >w.sh
$SH w.sh; echo "blank=$?"
