$SH -c 'trap "echo exit-trap-ran" EXIT; echo ${u?} ' 2>/dev/null; echo "st-nonzero=$([ $? -ne 0 ] && echo yes)"
$SH -ec 'trap "echo errexit-trap" EXIT; false'; echo "st=$?"
