$SH -c 'echo "0=$0 1=$1 2=$2 #=$#"' myname a 'b c'
$SH -c 'printf "[%s]" "$@"; echo' n x '' y
