$SH -ec 'f() { false; echo in-f-continues; }; if f; then echo f-true; fi; f || echo f-failed; echo end'
echo "st=$?"
