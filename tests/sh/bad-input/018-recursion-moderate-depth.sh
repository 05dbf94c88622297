$SH -c 'f() { if [ $1 -gt 0 ]; then f $(($1-1)); else echo reached; fi; }; f 500'
