i=0
while [ $i -lt 3 ]; do i=$((i+1)); done
echo "i=$i st=$?"
until [ $i -eq 0 ]; do i=$((i-1)); (exit 4); done
echo "st=$?"
while false; do :; done; echo "none=$?"
