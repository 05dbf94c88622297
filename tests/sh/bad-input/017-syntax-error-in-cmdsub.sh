$SH -c 'x=$(if); echo after' 2>/dev/null; echo "st=$?"
