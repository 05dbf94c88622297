'if' true 2>/dev/null; echo "st=$?"
\if true 2>/dev/null; echo "st=$?"
"while" true 2>/dev/null; echo "st=$?"
i\f true 2>/dev/null; echo "st=$?"
