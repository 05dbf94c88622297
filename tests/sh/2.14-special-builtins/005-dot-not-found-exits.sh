$SH -c '. ./nosuchfile; echo after' 2>/dev/null; echo "exited=$([ $? -ne 0 ] && echo yes)"
printf 'echo cwd-file\n' >cwdonly.sh
$SH -c 'PATH=/nonexistent; . cwdonly.sh; echo after' 2>/dev/null; echo "no-cwd-search=$([ $? -ne 0 ] && echo yes)"
