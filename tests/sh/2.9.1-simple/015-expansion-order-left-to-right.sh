i=1
echo $i $((i+=1)) $i $((i*=10)) $i
