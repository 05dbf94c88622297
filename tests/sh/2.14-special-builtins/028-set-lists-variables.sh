myvar='a b'
set | grep '^myvar=' >out
. ./out 2>/dev/null
eval "$(cat out)"
echo "[$myvar]"
set | grep -q '^myvar=' && echo listed
