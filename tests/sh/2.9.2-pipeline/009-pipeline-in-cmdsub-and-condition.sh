n=$(printf 'a\nb\nc\n' | wc -l)
echo $((n))
if printf 'x\n' | grep -q x; then echo found; fi
while printf '' | read -r l; do echo never; done; echo done
