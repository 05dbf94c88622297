printf 'echo ok\nif then\n' >bad.sh
$SH -c '. ./bad.sh; echo after' 2>/dev/null; echo "st-nonzero=$([ $? -ne 0 ] && echo yes)"
