#!/bin/sh
# bench-companion.sh - the companion's figures for `make bench`, in a
# temporary HOME with a real hershd:
#   1. ingest rate: `companion import` of N generated commands (events/s)
#   2. daemon RSS with that memory (target: at most 32 MiB for 1M)
#   3. wakeups of the idle daemon in 60 s (target 0)
#   4. Enter-to-prompt latency with the companion on and off, in one run
#   5. a script of 2,000 interactive commands on and off (target <= 1.03),
#      and 2,000 x `true` (the worst case)
#   6. ask latency over the same memory (p50/p95)
# BENCH_MEMORY (default 1000000) sets N; BENCH_IDLE (default 60) the idle
# window.  Figures only: nothing here is a test.
set -u
cd "$(dirname "$0")/.."
root=$(pwd)
n=${BENCH_MEMORY:-1000000}
idle=${BENCH_IDLE:-60}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/hersh-cbench.XXXXXX")
export HOME="$tmp" XDG_RUNTIME_DIR="$tmp/run" XDG_STATE_HOME="$tmp/state" \
	XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config" \
	XDG_CACHE_HOME="$tmp/cache"
mkdir -p "$XDG_RUNTIME_DIR" "$XDG_STATE_HOME/hersh" && chmod 700 "$XDG_RUNTIME_DIR" "$XDG_STATE_HOME" "$XDG_STATE_HOME/hersh"
touch "$XDG_STATE_HOME/hersh/introduced"
trap '"$root/hersh" -c "companion stop" >/dev/null 2>&1; rm -rf "$tmp"' EXIT

python3 tests/sim/gen-memory.py "$n" >"$tmp/mem.jsonl"
s=$(date +%s%N)
"$root/hersh" -c "companion import $tmp/mem.jsonl" || exit 1
e=$(date +%s%N)
ms=$(((e - s) / 1000000))
echo "ingest: $n commands in $ms ms = $((n * 1000 / (ms > 0 ? ms : 1))) events/s (target >= 20000)"

pid=$(sed -n 1p "$XDG_RUNTIME_DIR/hersh/hershd.lock" 2>/dev/null)
[ -n "$pid" ] || pid=$(pgrep -n -x hershd)
cpu() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
# let the man-page index finish before calling the daemon idle
i=0 c1=$(cpu)
while [ $i -lt 90 ]; do
	sleep 2
	c2=$(cpu)
	[ "$c1" = "$c2" ] && break
	c1=$c2 i=$((i + 1))
done
echo "daemon RSS with $n commands: $(sed -n 's/^VmRSS:[[:space:]]*//p' "/proc/$pid/status") (target <= 32 MiB for 1M)"
w1=$(sed -n 's/^voluntary_ctxt_switches:[[:space:]]*//p' "/proc/$pid/status")
sleep "$idle"
w2=$(sed -n 's/^voluntary_ctxt_switches:[[:space:]]*//p' "/proc/$pid/status")
echo "idle daemon: $((w2 - w1)) wakeups in $idle s (target 0)"

python3 tests/sim/prompt-latency.py -n "${BENCH_PROMPTS:-300}" "$root/hersh"
# the target: a script of 2,000 interactive commands, on/off ratio <= 1.03
python3 tests/sim/script-bench.py -n 2000 -r 3 "$root/hersh"
# the worst case: nothing to hide the companion behind
python3 tests/sim/script-bench.py -n 2000 -r 1 --only true "$root/hersh"

python3 - "$root/hersh" <<'EOP'
import subprocess, sys, time
qs = ["what did I run yesterday", "how many times did I run make test",
      "which command failed most this week", "when did I last run ssh",
      "what was the slowest command today", "how do I list hidden files"]
t = []
for i in range(60):
    q = qs[i % len(qs)]
    s = time.perf_counter()
    subprocess.run([sys.argv[1], "-c", "ask " + q], capture_output=True)
    t.append((time.perf_counter() - s) * 1000)
t.sort()
print("ask over this memory: p50 %.1f ms, p95 %.1f ms (%d questions)"
      % (t[len(t) // 2], t[int(len(t) * 0.95)], len(t)))
EOP
