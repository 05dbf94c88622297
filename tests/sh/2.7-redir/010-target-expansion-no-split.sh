f='a b'
echo x >$f
ls
n=name; echo y >"$n.txt"; cat name.txt
echo z >$(echo cs).out; cat cs.out
