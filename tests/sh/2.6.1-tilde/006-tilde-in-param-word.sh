HOME=/h
unset u
echo ${u:-~} ${u:-~/d}
x=${u:-~}; echo "$x"
