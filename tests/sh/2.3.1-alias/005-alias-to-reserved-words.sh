alias begin='{' end='}'
begin echo in-group; end
alias ifx='if true; then'
ifx echo yes; fi
