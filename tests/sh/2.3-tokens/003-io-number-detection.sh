echo a 2>f
cat f; echo "[f]"
echo a2>g
cat g
echo 2 >h
cat h
echo x 2 >i
cat i
