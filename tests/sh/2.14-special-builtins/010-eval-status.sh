eval; echo "empty=$?"
eval ''; echo "empty-string=$?"
eval false; echo "false=$?"
eval '(exit 6)'; echo "six=$?"
false; eval 'echo "inner sees $?"'
