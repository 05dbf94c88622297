$SH -c 'echo ${u?}; echo after' 2>/dev/null; echo "exited=$([ $? -ne 0 ] && echo yes)"
$SH -c 'echo $((1/0)); echo after' 2>/dev/null; echo "exited=$([ $? -ne 0 ] && echo yes)"
$SH -c '(echo ${u?}); echo subshell-only' 2>/dev/null
