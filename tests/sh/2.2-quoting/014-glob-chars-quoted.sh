touch a1 a2 'a*'
echo 'a*' "a?" a\* a*
echo "a"* | tr ' ' '\n' | sort | tr '\n' ' '; echo
