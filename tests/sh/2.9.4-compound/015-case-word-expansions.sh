x=val; HOME=/h
case ~ in /h) echo tilde ;; esac
case $x in val) echo param ;; esac
case $(echo cs) in cs) echo cmdsub ;; esac
case $((1+1)) in 2) echo arith ;; esac
y='a  b'
case $y in 'a  b') echo no-split ;; esac
case "*" in \*) echo quoted-star ;; esac
