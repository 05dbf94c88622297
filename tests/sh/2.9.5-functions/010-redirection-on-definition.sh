f() { echo "call $1"; } >>log
f 1; f 2
cat log
g() { cat; } <input
echo from-file >input
g
