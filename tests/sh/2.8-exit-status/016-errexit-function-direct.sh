$SH -ec 'f() { false; echo not-here; }; f; echo not-here-either'; echo "st=$?"
