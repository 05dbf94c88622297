$SH -u -c 'echo "$undefined_var"; echo after' 2>err; echo "st-nonzero=$([ $? -ne 0 ] && echo yes)"
[ -s err ] && echo has-message
$SH -u -c 'x=1; echo "$x ${y-default}"'
