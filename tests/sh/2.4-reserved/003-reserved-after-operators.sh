true && if true; then echo y1; fi
false || while false; do :; done && echo y2
true; case x in x) echo y3;; esac
! if false; then :; else false; fi && echo y4
