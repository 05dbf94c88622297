{ echo a; echo b; } | sort -r
for i in 3 1 2; do echo $i; done | sort | tr '\n' ' '; echo
if true; then echo yes; fi | tr y Y
(echo sub; echo shell) | wc -l | tr -d ' '
