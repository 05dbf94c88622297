$SH -c 'f() { exit 6; }; f; echo never'; echo "st=$?"
