$SH -c 'set -- x y z; echo "$#"; shift; echo "$*"' name a
