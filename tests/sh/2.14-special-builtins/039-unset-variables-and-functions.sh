a=1; b=2
f() { :; }
unset a
echo "[${a-unset}] [$b]"
unset -v b
echo "[${b-unset}]"
unset -f f
command -v f >/dev/null || echo f-unset
unset nosuchvar; echo "unset-missing=$?"
unset -f nosuchfunc; echo "unset-f-missing=$?"
