touch 'q*' qa qb
echo "q"* 'q*' q\* "q*"
