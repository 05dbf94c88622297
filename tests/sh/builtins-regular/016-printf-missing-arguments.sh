printf '[%s][%d][%s]\n' only
printf '%s\n'
printf 'x%sy\n' ''
