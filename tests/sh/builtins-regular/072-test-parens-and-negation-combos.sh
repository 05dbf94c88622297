test ! ! x; echo "!!x: $?"
test '(' ! '' ')'; echo "(! empty): $?"
test ! -z x; echo "! -z x: $?"
