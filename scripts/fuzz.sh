#!/bin/sh
# fuzz.sh TARGET... - runs each libFuzzer target for FUZZ_SECONDS (default
# 60) with its corpus in tests/fuzz/corpus/NAME, and reports the result.
set -u
cd "$(dirname "$0")/.."
secs=${FUZZ_SECONDS:-60}
status=0
for t in "$@"; do
	name=${t##*/fuzz_}
	corpus=tests/fuzz/corpus/$name
	mkdir -p "$corpus" build/fuzz/artifacts
	echo "== $name: ${secs}s"
	if ! "$t" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
		-artifact_prefix=build/fuzz/artifacts/"$name"- "$corpus" \
		>build/fuzz/"$name".log 2>&1; then
		tail -n 30 build/fuzz/"$name".log
		status=1
	fi
	tail -n 2 build/fuzz/"$name".log
	echo "corpus: $(ls "$corpus" | wc -l) files"
done
exit $status
