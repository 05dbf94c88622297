#!/bin/sh
# tests/e2e/ask.sh - end-to-end tests of `ask`: a real hersh and hershd, a
# real memory file with the benchmark's fixture, the real protocol.
#
#   sh tests/e2e/ask.sh [HERSH]	(default ./hersh; hershd next to it)
#
# 1. the public benchmark must score at least 95% (the issue's target),
#    and our held-out-style sets (tests/ask: other wording, other data)
#    at least 90%;
# 2. hostile questions (empty, 100 KB, binary bytes, SQL metacharacters,
#    format strings) are answered or refused with status 0 or 1, the
#    daemon survives them and the memory is unchanged;
# 3. "call me X" persists across a daemon restart.
# Each group has its own temporary HOME.  The last line is
# "N passed, N failed".  POSIX sh.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
HERSH=${1:-$root/hersh}
case $HERSH in /*) ;; *) HERSH=$(pwd)/$HERSH ;; esac
BENCH=$root/../shared/bench/ask
NOW=2026-11-20T15:30:00
pass=0
fail=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/hersh-e2e-ask.XXXXXX")

check() {
	if [ "$2" = 0 ]; then
		pass=$((pass + 1))
		echo "ok - $1"
	else
		fail=$((fail + 1))
		echo "FAIL - $1"
		[ $# -gt 2 ] && printf '  %s\n' "$3" | head -n 20
	fi
}

# env_for DIR: a private HOME and XDG tree
env_for() {
	mkdir -p "$1/.config" "$1/.local/share" "$1/.local/state" "$1/.cache" \
		"$1/run"
	chmod 700 "$1/run"
	echo "HOME=$1 XDG_CONFIG_HOME=$1/.config XDG_DATA_HOME=$1/.local/share" \
		"XDG_STATE_HOME=$1/.local/state XDG_CACHE_HOME=$1/.cache" \
		"XDG_RUNTIME_DIR=$1/run HERSH_NOW=$NOW TZ=UTC LC_ALL=C.UTF-8"
}

stop_daemon() {
	env $(env_for "$1") "$HERSH" -c 'companion stop' >/dev/null 2>&1
}

# 1. the benchmarks
score() {
	python3 "$BENCH/score.py" --shell "$HERSH" --fixture "$1" \
		--questions "$2" --fail-under "$3" >"$tmp/score.out" 2>&1
}
if [ -f "$BENCH/score.py" ]; then
	score "$BENCH/fixture.jsonl" "$BENCH/questions.tsv" 95
	check "public benchmark >= 95%" $? "$(tail -n 14 "$tmp/score.out")"
	score "$BENCH/fixture.jsonl" "$root/tests/ask/questions-paraphrase.tsv" 90
	check "paraphrased questions >= 90%" $? "$(tail -n 14 "$tmp/score.out")"
	score "$root/tests/ask/alt/fixture.jsonl" \
		"$root/tests/ask/alt/questions.tsv" 90
	check "other fortnight, paraphrased >= 90%" $? \
		"$(tail -n 14 "$tmp/score.out")"
else
	check "benchmark present at $BENCH" 1
fi

# 2. hostile questions
h=$tmp/hostile
mkdir -p "$h"
E=$(env_for "$h")
env $E "$HERSH" -c "companion import '$BENCH/fixture.jsonl'" >/dev/null 2>&1
before=$(env $E "$HERSH" -c 'companion status' 2>&1 | grep -i command)
big=$(awk 'BEGIN { for (i = 0; i < 102400; i++) printf "a"; }')
bin=$(printf '\001\002\377\376\033[31m\007 when did I \200\201')
i=0
for q in "" "?" "   " "$big" "$bin" "'; DROP TABLE commands; --" \
	'when did I last run "; DELETE FROM mail; --"' '%s%s%n%x%p%d' \
	'NEAR( OR AND * "' 'what did I run in \\' "$(printf 'a\tb\nc')"; do
	i=$((i + 1))
	env $E "$HERSH" -c 'ask "$1"' sh "$q" >"$tmp/out" 2>&1
	st=$?
	[ "$st" = 0 ] || [ "$st" = 1 ]
	check "hostile question $i answered or refused (exit $st)" $? \
		"$(head -c 300 "$tmp/out")"
done
env $E "$HERSH" -c 'ask when did I last run make test' >"$tmp/out" 2>&1
check "daemon still answers after hostile input" $? "$(cat "$tmp/out")"
after=$(env $E "$HERSH" -c 'companion status' 2>&1 | grep -i command)
[ "$before" = "$after" ]
check "memory unchanged by questions" $? "$before / $after"

# 3. the persona persists
env $E "$HERSH" -c 'ask call me Robin' >/dev/null 2>&1
stop_daemon "$h"
sleep 0.2
env $E "$HERSH" -c 'ask hello' >"$tmp/out" 2>&1
grep -q Robin "$tmp/out"
check "call me X survives a restart" $? "$(cat "$tmp/out")"
stop_daemon "$h"

rm -rf "$tmp"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
