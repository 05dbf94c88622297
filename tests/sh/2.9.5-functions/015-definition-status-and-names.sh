f_1() { :; }; echo "def=$?"
_f() { echo underscore; }; _f
F2() { echo upper; }; F2
