HOME=/h
echo :~ a:~
y=:~; echo "$y"
