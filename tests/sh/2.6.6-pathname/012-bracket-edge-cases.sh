touch ']' a- a- 'a]' ab
echo a[]] a[-] a[!b-] [!a]* 2>/dev/null
