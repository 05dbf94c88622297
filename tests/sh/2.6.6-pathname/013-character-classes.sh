touch A b 3 _ 'sp ace'
echo [[:upper:]] [[:lower:]] [[:digit:]] [[:punct:]]
echo *[[:space:]]*
