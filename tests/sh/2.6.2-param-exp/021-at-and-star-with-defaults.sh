set --
echo "[${*:-none}] [${1-unset}]"
set -- a b
echo "[${*:-none}] [${@:+alt}]"
