alias f1='echo A'
fn() { f1; }
alias f1='echo B'
fn
f1
