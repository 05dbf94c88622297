HOME=/h
x=~/a:~/b:c~:~
echo "$x"
PATH2=~:/bin; echo "$PATH2"
