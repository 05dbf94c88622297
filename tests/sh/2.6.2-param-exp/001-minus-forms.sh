unset u; e=; s=val
echo "[${u-d}] [${e-d}] [${s-d}]"
echo "[${u:-d}] [${e:-d}] [${s:-d}]"
echo "[$u] [$e]"
