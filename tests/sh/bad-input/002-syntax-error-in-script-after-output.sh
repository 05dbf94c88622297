printf 'echo before\nif then\necho after\n' >s.sh
$SH s.sh 2>err; echo "st=$?"
[ -s err ] && echo has-message
