unset V
V=exported env | grep '^V='
echo "[${V-unset}]"
