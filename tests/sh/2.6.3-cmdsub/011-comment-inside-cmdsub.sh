x=$(echo a # comment with ) paren
echo b)
echo "$x" | tr '\n' ' '; echo
