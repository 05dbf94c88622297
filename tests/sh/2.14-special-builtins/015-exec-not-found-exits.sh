$SH -c 'exec nosuchcmd-xyz; echo after' 2>/dev/null; echo "st=$?"
printf 'x\n' >notexec; chmod 644 notexec
$SH -c 'exec ./notexec; echo after' 2>/dev/null; echo "st=$?"
