$SH -c 'cd /nonexistent-dir 2>/dev/null; echo "cd-failed=$([ $? -ne 0 ] && echo yes)"; echo after-cd'
$SH -c 'read -r x </dev/null; echo "read-at-eof=$?"; echo after-read'
$SH -c 'test 1 -eq x 2>/dev/null; echo "test-error-gt1=$([ $? -gt 1 ] && echo yes)"; echo after-test'
$SH -c 'umask 999 2>/dev/null; echo after-umask'
