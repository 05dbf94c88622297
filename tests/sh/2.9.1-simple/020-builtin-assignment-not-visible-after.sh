unset v
v=x cd . 
echo "[${v-unset}]"
v=y pwd >/dev/null
echo "[${v-unset}]"
