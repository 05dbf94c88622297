i=0
until [ $i -ge 3 ]; do i=$((i+1)); done; echo $i
while [ $i -gt 0 ]; do i=$((i-1)); done; echo $i
