alias echo='echo pre'
echo x
alias a1=b1 b1=a1
a1 2>/dev/null; echo "st=$?"
unalias echo
echo plain
