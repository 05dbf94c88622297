fact() { if [ $1 -le 1 ]; then echo 1; else echo $(( $1 * $(fact $(($1-1))) )); fi; }
fact 10
depth() { if [ $1 -gt 0 ]; then depth $(($1-1)); else echo bottom; fi; }
depth 200
