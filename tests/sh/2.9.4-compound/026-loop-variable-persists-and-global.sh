f() { for v in 1 2; do :; done; }
v=orig; f; echo "v=$v"
