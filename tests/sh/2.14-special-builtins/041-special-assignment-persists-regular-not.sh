unset A B
A=1 :
B=2 true
echo "[${A-unset}] [${B-unset}]"
C=3 export D=4
echo "[${C-unset}] [$D]"
