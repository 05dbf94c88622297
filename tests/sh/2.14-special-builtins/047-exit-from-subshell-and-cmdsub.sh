(exit 5); echo "sub=$?"
x=$(exit 6); echo "cmdsub=$?"
(exit); echo "sub-default=$?"
