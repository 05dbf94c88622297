trap 'echo zero-exit' 0
trap 'echo via-number' 15
kill -TERM $$
trap - 15
$SH -c 'trap "echo hup" 1; kill -HUP $$; trap "" 1; kill -HUP $$; echo child-ok'
