{ echo out; echo err >&2; } 2>&1 | sort
{ echo only-err >&2; } 2>&1 >/dev/null | sed 's/^/got:/'
