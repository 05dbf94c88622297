touch a1 b2 C3 _4
echo [[:lower:]]* [[:upper:]]* [![:alpha:]]*
