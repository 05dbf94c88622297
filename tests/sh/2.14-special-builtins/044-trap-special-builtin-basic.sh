trap 'echo on-exit' EXIT
trap
trap - EXIT
echo "cleared: [$(trap)]"
