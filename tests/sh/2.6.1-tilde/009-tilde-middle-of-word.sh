HOME=/h
echo x~ x/~ 'x'~
echo a/~
