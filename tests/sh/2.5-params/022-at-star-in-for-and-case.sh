set -- 'a b' c
for i in "$@"; do echo "at:$i"; done
for i in "$*"; do echo "star:$i"; done
for i in $*; do echo "uq:$i"; done
case "$*" in 'a b c') echo case-joined ;; esac
