set -u
e=
echo "[${e-x}] [${e:-y}] [${u-unset-ok}] [${u:+z}]"
set +u
