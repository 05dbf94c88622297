while true; do break; done; echo "st=$?"
for i in 1; do (exit 3); break; done; echo "st=$?"
