# posix-differs-from-dash: dash accepts a simple command as a function body (f() echo); the POSIX grammar requires a compound command, so this is a syntax error
$SH -c 'f() echo hi; f' >out 2>err; echo "st=$?"
[ -s err ] && echo has-message
cat out
