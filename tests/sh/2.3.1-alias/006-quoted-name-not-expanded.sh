alias hi='echo hello'
'hi' 2>/dev/null; echo "st=$?"
\hi 2>/dev/null; echo "st=$?"
h"i" 2>/dev/null; echo "st=$?"
