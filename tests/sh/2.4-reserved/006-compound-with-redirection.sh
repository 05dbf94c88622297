if true; then echo a; fi >f1
{ echo b; echo c >&2; } 2>&1 >f2
cat f1 f2
while read -r l; do echo "got:$l"; done <f2
for i in 1 2; do echo $i; done | tr '\n' ' '; echo
