inner() { echo "inner: $*"; }
outer() { inner "x$1" "y$2"; echo "outer: $*"; }
outer 1 2
