# posix-differs-from-dash: dash recurses without a limit and dies of SIGSEGV on 100000 nested ( or $( in a script; the project requires a diagnostic (status 1-125), not a crash
awk -v n=100000 'BEGIN { for (i = 0; i < n; i++) printf "( "; printf "true"; for (i = 0; i < n; i++) printf ")"; print "" }' >deep.sh
$SH deep.sh >/dev/null 2>&1
st=$?
[ $st -lt 128 ] && echo no-crash
awk -v n=100000 'BEGIN { for (i = 0; i < n; i++) printf "$("; printf "true"; for (i = 0; i < n; i++) printf ")"; print "" }' >deep2.sh
$SH deep2.sh >/dev/null 2>&1
st=$?
[ $st -lt 128 ] && echo no-crash-cmdsub
