unset z
z=1 :
echo "[${z-unset}]"
w=2 eval 'echo "in-eval:$w"'
echo "after:$w"
