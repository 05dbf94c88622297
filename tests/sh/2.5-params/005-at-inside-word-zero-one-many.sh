set --
printf '[%s]' "x$@y"; echo " n=$(set -- "x$@y"; echo $#)"
set -- one
printf '[%s]' "x$@y"; echo
set -- 1 2 3
printf '[%s]' "x$@y"; echo
printf '[%s]' "x$*y"; echo
set -- '' ''
printf '[%s]' "x$@y"; echo
