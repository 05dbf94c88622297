wait 99999999 2>/dev/null; echo "st=$?"
