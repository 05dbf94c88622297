#!/bin/sh
# bench.sh - `make bench`: hersh side by side with dash and bash in one run.
#
# 1. The shared POSIX workloads (../shared/bench/shells) under hersh, dash
#    and bash: median seconds per workload and the ratio to dash.
# 2. Start-up: `SHELL -c true`, 200 runs each, interleaved.
# Figures are printed, never asserted: timing belongs here, not in tests.
set -u
cd "$(dirname "$0")/.."
root=$(pwd)
shared=${HERSH_SHARED:-$root/../shared}
rounds=${BENCH_ROUNDS:-5}

echo "== workloads (../shared/bench/shells, $rounds rounds) =="
if [ -x "$shared/bench/shells/run-shells.sh" ] || [ -f "$shared/bench/shells/run-shells.sh" ]; then
	bash "$shared/bench/shells/run-shells.sh" -n "$rounds" "$root/hersh" dash bash
else
	echo "bench: $shared/bench/shells not found (set HERSH_SHARED)" >&2
fi

echo
echo "== start-up: SHELL -c true, 200 runs, interleaved =="
bash -c '
	n=200
	for sh in "$@"; do eval "t_${sh##*/}=0"; done
	for i in $(seq $n); do
		for sh in "$@"; do
			s=$EPOCHREALTIME
			$sh -c true
			e=$EPOCHREALTIME
			v=t_${sh##*/}
			eval "$v=\$(( $v + (\${e/./} - \${s/./}) ))"
		done
	done
	for sh in "$@"; do
		v=t_${sh##*/}
		printf "%-8s %6d us per run\n" "${sh##*/}" $(( ${!v} / n ))
	done
' bench "$root/hersh" dash bash

echo
echo "== interactive: start to first prompt, RSS at the prompt (pty, empty startup files) =="
python3 scripts/prompt-bench.py -n "${BENCH_PROMPT_RUNS:-20}" "$root/hersh" bash dash

echo
echo "== companion: ingest, RSS, idle wakeups, prompt on/off, ask latency =="
sh scripts/bench-companion.sh

echo
echo "== ask: the public yardstick (../shared/bench/ask) =="
python3 "$shared/bench/ask/score.py" --shell "$root/hersh" \
	--fixture "$shared/bench/ask/fixture.jsonl" \
	--questions "$shared/bench/ask/questions.tsv" | tail -n 14
