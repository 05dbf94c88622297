alias nosuch 2>/dev/null; echo "st=$?"
alias ok='true'; alias ok >/dev/null; echo "st=$?"
