alias q1='echo one two' q2="echo \"it's\""
alias q1
saved=$(alias q1 q2)
unalias -a
eval "alias $(echo "$saved" | sed -n 1p)"
eval "alias $(echo "$saved" | sed -n 2p)"
q1
q2
