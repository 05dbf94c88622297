n=0
: $((n+=1)); : $((n+=1)); echo $n
i=0
while [ $i -lt 5 ]; do i=$((i+1)); done; echo $i
