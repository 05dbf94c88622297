alias hi='echo hello' bye='echo bye'
hi
unalias hi
hi 2>/dev/null; echo "st=$?"
bye
unalias -a
bye 2>/dev/null; echo "st=$?"
unalias nosuch 2>/dev/null; echo "unalias-missing=$?"
