v=$(ulimit -f)
case $v in unlimited|[0-9]*) echo f-format-ok ;; *) echo "bad: $v" ;; esac
[ "$(ulimit)" = "$v" ] && echo default-is-f
(ulimit -f 1000; ulimit -f)
