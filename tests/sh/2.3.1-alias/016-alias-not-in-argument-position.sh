alias hi='echo hello'
echo hi
alias word='echo W'
echo word word
