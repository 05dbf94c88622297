f1() ( echo subshell-body; x=changed )
x=orig; f1; echo "x=$x"
f2() if true; then echo if-body; fi
f2
f3() for i in a b; do echo "for-$i"; done
f3
f4() case $1 in a) echo case-a;; *) echo case-other;; esac
f4 a; f4 z
f5() while false; do :; done
f5; echo "while-body=$?"
