echo a; echo b
echo c
false; echo "after-false $?"
