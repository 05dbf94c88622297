"{" 2>/dev/null; echo "st=$?"
f\i 2>/dev/null; echo "st=$?"
