$SH -c 'e=; echo ${e:?}; echo after' 2>err; st=$?
[ $st -ne 0 ] && echo failed
[ -s err ] && echo has-message
$SH -c 'e=; echo "[${e?}]"; echo after'
