{ echo out; echo err >&2; } >f 2>&1
echo "f:"; cat f
{ echo out2; echo err2 >&2; } 2>&1 >g | sed 's/^/pipe:/'
echo "g:"; cat g
