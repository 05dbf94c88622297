mkdir lib
printf 'echo found-in-path\n' >lib/inpath.sh
PATH="$PWD/lib:$PATH"
. inpath.sh
chmod -x lib/inpath.sh
. inpath.sh
