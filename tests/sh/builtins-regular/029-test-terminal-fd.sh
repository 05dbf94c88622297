test -t 0 </dev/null; echo "t0=$?"
test -t 1 >out; echo "t1=$?"
