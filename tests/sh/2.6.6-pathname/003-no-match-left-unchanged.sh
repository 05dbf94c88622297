echo nomatch* no?match "[z]" [z]
touch x
echo x* x[ z]
