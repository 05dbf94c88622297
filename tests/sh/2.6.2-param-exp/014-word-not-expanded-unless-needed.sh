x=set
: ${x:-$(echo side >f1)}
: ${x+$(echo side >f2)}
: ${x:=$(echo side >f3)}
unset y
: ${y:+$(echo side >f4)}
: ${y-$(echo side >f5)}
ls f* 2>/dev/null | tr '\n' ' '; echo
