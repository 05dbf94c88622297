x=/usr/local/bin/tool
echo ${x#*/} ${x##*/} ${x#/usr} ${x#nomatch}
echo "[${x##*}]" ${x#*}
