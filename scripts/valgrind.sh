#!/bin/sh
# valgrind.sh - runs the conformance suite with hersh under valgrind
# (memcheck, leak check full) and reports any case with an error or leak.
set -u
cd "$(dirname "$0")/.."
root=$(pwd)
wrap=$(mktemp "${TMPDIR:-/tmp}/hersh-vg.XXXXXX")
logdir=$(mktemp -d "${TMPDIR:-/tmp}/hersh-vglog.XXXXXX")
trap 'rm -f "$wrap"; rm -rf "$logdir"' EXIT
cat >"$wrap" <<EOW
#!/bin/sh
exec valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect \
	--errors-for-leak-kinds=definite,indirect --trace-children=no \
	--log-file=$logdir/vg.%p "$root/hersh" "\$@"
EOW
chmod +x "$wrap"
sh tests/sh/run.sh -s "$wrap" "$@"
bad=0
for f in "$logdir"/vg.*; do
	[ -s "$f" ] || continue
	# a test that lowers the fd limit makes valgrind say so: not an error
	grep -v -q 'failed to move log file descriptor' "$f" || continue
	bad=$((bad + 1))
	cat "$f"
done
echo "valgrind: $bad process logs with errors or leaks"
[ "$bad" = 0 ]
