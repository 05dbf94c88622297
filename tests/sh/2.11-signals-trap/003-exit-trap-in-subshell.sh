(trap 'echo sub-exit' EXIT; echo in-sub)
echo after-sub
x=$(trap 'echo cmdsub-exit' EXIT; echo body)
echo "[$x]"
