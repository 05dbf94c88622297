#!/bin/sh
# run-tests.sh - runs every test suite of hersh and prints the total as
# the last line: "N passed, N failed".
#
# Each suite prints its own "N passed, N failed" line; this script adds
# them up.  Suites: unit tests (build/tests/test_*), the POSIX conformance
# suite (tests/sh), the pty tests (tests/pty) and the end-to-end tests
# (tests/e2e) when present.
set -u
cd "$(dirname "$0")/.."
total_pass=0
total_fail=0
log=$(mktemp -d "${TMPDIR:-/tmp}/hersh-tests.XXXXXX")
trap 'rm -rf "$log"' EXIT

# Runs one suite command; adds its counts; a suite that crashes or prints
# no count line counts as one failure.
run_suite() {
	name=$1
	shift
	"$@" >"$log/out" 2>&1
	rc=$?
	line=$(grep -E '^[A-Za-z]*:? ?[0-9]+ passed, [0-9]+ failed' "$log/out" | tail -n 1)
	if [ -z "$line" ]; then
		cat "$log/out"
		echo "suite $name: no result line (exit $rc)"
		total_fail=$((total_fail + 1))
		return
	fi
	p=$(echo "$line" | sed -E 's/.*([0-9]+) passed.*/\1/; s/^[^0-9]*//')
	p=$(echo "$line" | sed -E 's/^[^0-9]*([0-9]+) passed.*/\1/')
	f=$(echo "$line" | sed -E 's/.* ([0-9]+) failed.*/\1/')
	if [ "$f" != 0 ] || [ "$rc" != 0 ]; then
		grep -v -E '^[A-Za-z]*:? ?[0-9]+ passed, [0-9]+ failed' "$log/out" | tail -n 60
		if [ "$f" = 0 ]; then
			f=1
		fi
	fi
	echo "suite $name: $p passed, $f failed"
	total_pass=$((total_pass + p))
	total_fail=$((total_fail + f))
}

for t in build/tests/test_*; do
	[ -x "$t" ] || continue
	run_suite "unit/${t##*/}" "$t"
done
[ -f tests/sh/run.sh ] && run_suite conformance sh tests/sh/run.sh -s ./hersh
for s in tests/pty/run.sh tests/e2e/run.sh tests/e2e/ask.sh; do
	[ -f "$s" ] && run_suite "${s%/run.sh}" sh "$s"
done
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" = 0 ]
