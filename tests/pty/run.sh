#!/bin/sh
# run.sh - runs the pty-driven tests of the interactive shell (tests/pty).
# Prints "PASS name" / "FAIL name: why" per case and, last,
# "N passed, N failed"; exits 0 iff every case passed.
# Arguments go to cases.py: -k SUBSTRING picks cases, -v adds detail,
# --shell PATH runs the cases against another shell (e.g. bash).
cd "$(dirname "$0")/../.." || exit 1
if ! command -v python3 >/dev/null 2>&1; then
	echo "FAIL setup: python3 not found"
	echo "0 passed, 1 failed"
	exit 1
fi
exec python3 -B tests/pty/cases_companion.py "$@"
