touch gl1
echo w >gl*
cat 'gl*'
cat gl1
