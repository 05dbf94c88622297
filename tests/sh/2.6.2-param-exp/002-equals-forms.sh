unset u; e=; s=val
echo "[${u=d1}] [${e=d2}] [${s=d3}]"
echo "[$u] [$e] [$s]"
unset u; e=
echo "[${u:=d4}] [${e:=d5}]"
echo "[$u] [$e]"
