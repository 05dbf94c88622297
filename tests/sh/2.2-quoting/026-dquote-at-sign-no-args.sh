set --
for a in "$@"; do echo "arg[$a]"; done
echo "count=$#"
set -- "$@"; echo "count=$#"
set -- "" ; set -- "$@" ; echo "count=$#"
