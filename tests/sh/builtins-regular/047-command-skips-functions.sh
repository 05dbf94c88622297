echo() { printf 'function\n'; }
echo x
command echo builtin-echo
cat() { printf 'fake cat\n'; }
printf 'real\n' | command cat
unset -f echo cat
