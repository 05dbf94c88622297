echo a`echo b`c
echo a$(echo b)c
echo `echo x``echo y`
