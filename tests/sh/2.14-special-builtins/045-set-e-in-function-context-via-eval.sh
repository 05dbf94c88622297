$SH -ec 'eval "false"; echo no' ; echo "st=$?"
$SH -ec 'if eval false; then :; fi; echo cond-ok' ; echo "st=$?"
