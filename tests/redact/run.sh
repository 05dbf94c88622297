#!/bin/sh
# run.sh - builds and runs the redaction unit test on its own (redact.c
# needs only libc), so the corpus can be checked while the rest of the
# tree does not build.  Prints recall, false positives and throughput.
#
#   sh tests/redact/run.sh          unit test (corpus, edge cases, speed)
#   sh tests/redact/run.sh -f [S]   and then S seconds (default 60) of
#                                   libFuzzer with clang, seeded with the
#                                   corpus
set -u
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d "${TMPDIR:-/tmp}/hersh-redact.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
cc=${CC:-cc}
$cc -std=c11 -D_GNU_SOURCE -O2 -g -Wall -Wextra -Iinclude -Idaemon \
	-Itests/unit tests/unit/test_redact.c daemon/redact.c \
	-o "$tmp/test_redact" || exit 1
"$tmp/test_redact"
status=$?
if [ "${1:-}" = "-f" ]; then
	secs=${2:-60}
	mkdir -p "$tmp/corpus"
	grep -hv '^#' tests/redact/secrets.txt tests/redact/innocent.txt |
		cut -f1 | split -l 1 - "$tmp/corpus/line."
	clang -g -O1 -fsanitize=fuzzer,address,undefined -D_GNU_SOURCE \
		-Idaemon tests/fuzz/fuzz_redact.c daemon/redact.c \
		-o "$tmp/fuzz_redact" || exit 1
	"$tmp/fuzz_redact" -max_total_time="$secs" -max_len=2048 \
		-artifact_prefix="$tmp/" "$tmp/corpus" 2>&1 | tail -n 3
	for a in "$tmp"/crash-* "$tmp"/timeout-* "$tmp"/leak-*; do
		[ -f "$a" ] || continue
		mkdir -p build/fuzz && cp "$a" build/fuzz/
		echo "fuzz_redact: failure saved in build/fuzz/${a##*/}"
		status=1
	done
fi
exit $status
