cat <<A; cat <<B
first
A
second
B
cat <<X && cat <<Y
x-body
X
y-body
Y
