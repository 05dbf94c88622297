a=$$
b=$(echo $$)
c=$( (echo $$) )
(d=$$; [ "$d" = "$a" ] && echo subshell-same)
[ "$a" = "$b" ] && [ "$a" = "$c" ] && echo cmdsub-same
$SH -c 'echo $$' >child
[ "$(cat child)" != "$a" ] && echo child-differs
