{ echo a
echo b; }
if true
then
echo c
fi
for i in 1 2
do
echo $i
done
