touch b a C 1 _x
echo *
