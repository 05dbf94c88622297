!true 2>/dev/null; echo "st=$?"
! true; echo "st=$?"
