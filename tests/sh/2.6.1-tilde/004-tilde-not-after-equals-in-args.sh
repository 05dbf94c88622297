HOME=/h
echo a=~ a~ x:~ --opt=~
