printf 'echo ENV-FILE-READ\n' >rc
ENV=$PWD/rc $SH -c 'echo main'
