#!/bin/sh
# tests/sh/run.sh - POSIX shell conformance suite runner (see docs/conformance.md)
#
# usage: sh tests/sh/run.sh [-s SHELL] [-d] [-j N] [-v] [PATTERN]
#
#   -s SHELL  shell under test (a command, may carry options: -s 'bash --posix');
#             default: ./hersh in the repository root
#   -d        differential: also run every case under dash and report where dash
#             disagrees with the expected result
#   -j N      run N cases at once (default 2)
#   -v        verbose: print every result, and full output of failures
#   PATTERN   only cases whose "group/case" name contains PATTERN
#             (a shell glob is accepted too, e.g. '2.6.*arith')
#
# Each case tests/sh/GROUP/NNN-name.sh runs as `$SHELL case.sh` in a fresh
# temporary directory with HOME, XDG_*, TMPDIR pointing to fresh temporary
# directories, LC_ALL=C, SH set to the shell under test and stdin /dev/null.
# Its stdout and exit status are compared with NNN-name.out (default empty)
# and NNN-name.status (default 0).  Ends with the line "N passed, N failed";
# exit status 0 iff nothing failed.

LC_ALL=C
export LC_ALL

usage() {
	echo "usage: sh tests/sh/run.sh [-s SHELL] [-d] [-j N] [-v] [PATTERN]" >&2
	exit 2
}

case $0 in
*/*) here=${0%/*} ;;
*) here=. ;;
esac
suite=$(cd "$here" && pwd -P) || exit 2
root=$(cd "$suite/../.." && pwd -P) || exit 2

shell=
diffmode=0
jobs=2
verbose=0
timeout_s=${HERSH_TEST_TIMEOUT:-10}
while getopts s:dj:vh opt; do
	case $opt in
	s) shell=$OPTARG ;;
	d) diffmode=1 ;;
	j) jobs=$OPTARG ;;
	v) verbose=1 ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
[ $# -le 1 ] || usage
pattern=${1-}
case $jobs in
'' | *[!0-9]* | 0) usage ;;
esac

# Resolve the shell: the first word, when it contains a slash, is made absolute
# (relative to the current directory, or the repository root for the default).
if [ -z "$shell" ]; then
	shell=$root/hersh
	if [ ! -x "$shell" ]; then
		echo "run.sh: $shell not found; build it with 'make hersh' or use -s SHELL" >&2
		exit 2
	fi
fi
set -f
set -- $shell
set +f
first=$1
shift
case $first in
/*) ;;
*/*) first=$(cd "${first%/*}" && pwd -P)/${first##*/} || exit 2 ;;
*)
	if ! command -v "$first" >/dev/null 2>&1; then
		echo "run.sh: shell '$first' not found" >&2
		exit 2
	fi
	;;
esac
shell=$first${1+ $*}

if command -v timeout >/dev/null 2>&1; then
	have_timeout=1
else
	have_timeout=0
fi
# Cases run in the background of a non-interactive shell, where SIGINT and
# SIGQUIT start ignored (and would stay so: a shell cannot trap a signal ignored
# on entry).  Reset every signal to its default where env(1) can.
envsig=
if env -i --default-signal true >/dev/null 2>&1; then
	envsig=--default-signal
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/hersh-sh-tests.XXXXXX") || exit 2
workers=
cleanup() {
	trap - EXIT HUP INT TERM
	for w in $workers; do
		kill "$w" 2>/dev/null
	done
	# the process groups of the cases still running
	for f in "$tmp"/res/*/*.pid; do
		[ -f "$f" ] && read -r p <"$f" && kill -KILL "-$p" 2>/dev/null
	done
	wait 2>/dev/null
	chmod -R u+rwx "$tmp" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'cleanup; exit 130' INT
trap 'cleanup; exit 143' HUP TERM

# The list of cases, sorted, filtered by PATTERN.
: >"$tmp/list"
for f in "$suite"/*/*.sh; do
	[ -f "$f" ] || continue
	name=${f#"$suite"/}
	name=${name%.sh}
	if [ -n "$pattern" ]; then
		case $name in
		*"$pattern"* | *$pattern*) ;;
		*) continue ;;
		esac
	fi
	printf '%s\n' "$name" >>"$tmp/list"
done
total=$(wc -l <"$tmp/list")
total=$((total + 0))
if [ "$total" -eq 0 ]; then
	echo "run.sh: no case matches '$pattern'" >&2
	echo "0 passed, 0 failed"
	exit 1
fi

# run_one SHELL NAME DIR: run case NAME under SHELL in the fresh directory DIR;
# leaves DIR/out, DIR/err, DIR/status (the exit status, or "timeout").
run_one() {
	r_sh=$1 r_name=$2 r_dir=$3
	mkdir -p "$r_dir/work" "$r_dir/home" "$r_dir/tmp" "$r_dir/config" \
		"$r_dir/data" "$r_dir/cache" "$r_dir/state" "$r_dir/runtime" || return
	chmod 700 "$r_dir/runtime"
	(
		cd "$r_dir/work" || exit 125
		# a clean environment: only PATH and what the suite defines
		set -- env -i $envsig PATH="$PATH" LC_ALL=C SH="$r_sh" \
			HOME="$r_dir/home" TMPDIR="$r_dir/tmp" PWD="$r_dir/work" \
			XDG_CONFIG_HOME="$r_dir/config" XDG_DATA_HOME="$r_dir/data" \
			XDG_CACHE_HOME="$r_dir/cache" XDG_STATE_HOME="$r_dir/state" \
			XDG_RUNTIME_DIR="$r_dir/runtime" XDG_CONFIG_DIRS="$r_dir/config" \
			XDG_DATA_DIRS="$r_dir/data" $r_sh "$suite/$r_name.sh"
		if [ "$have_timeout" = 1 ]; then
			# timeout puts the case in its own process group; kill what is
			# left of that group (background jobs of the case) afterwards.
			timeout -k 2 "$timeout_s" "$@" >"$r_dir/out" 2>"$r_dir/err" </dev/null &
			r_pid=$!
			echo "$r_pid" >"$r_dir.pid"
			wait "$r_pid"
			r_st=$?
			kill -KILL "-$r_pid" 2>/dev/null
			rm -f "$r_dir.pid"
			if [ "$r_st" -eq 124 ] || [ "$r_st" -eq 137 ]; then
				r_st=timeout
			fi
		else
			"$@" >"$r_dir/out" 2>"$r_dir/err" </dev/null
			r_st=$?
		fi
		echo "$r_st" >"$r_dir/status"
	)
}

# check NAME DIR: compare DIR/out and DIR/status with the expected files;
# status 0 on agreement, else writes a short report to DIR/report.
check() {
	c_name=$1 c_dir=$2
	c_exp_st=0
	[ -f "$suite/$c_name.status" ] && read -r c_exp_st <"$suite/$c_name.status"
	c_exp_out=$suite/$c_name.out
	[ -f "$c_exp_out" ] || c_exp_out=/dev/null
	read -r c_st <"$c_dir/status" 2>/dev/null || c_st=missing
	c_ok=0
	: >"$c_dir/report"
	if [ "$c_st" != "$c_exp_st" ]; then
		c_ok=1
		if [ "$c_st" = timeout ]; then
			echo "  timed out after ${timeout_s}s" >>"$c_dir/report"
		else
			echo "  exit status $c_st, expected $c_exp_st" >>"$c_dir/report"
		fi
	fi
	if ! cmp -s "$c_exp_out" "$c_dir/out"; then
		c_ok=1
		echo "  stdout differs (- expected, + actual):" >>"$c_dir/report"
		diff -u "$c_exp_out" "$c_dir/out" | sed '1,2d; s/^/  /' >"$c_dir/diff"
		if [ "$verbose" = 1 ]; then
			cat "$c_dir/diff" >>"$c_dir/report"
		else
			sed 15q "$c_dir/diff" >>"$c_dir/report"
			n=$(wc -l <"$c_dir/diff")
			[ "$n" -gt 15 ] && echo "  ... ($n lines of diff; -v for all)" >>"$c_dir/report"
		fi
	fi
	if [ "$c_ok" != 0 ] && [ -s "$c_dir/err" ]; then
		echo "  stderr:" >>"$c_dir/report"
		if [ "$verbose" = 1 ]; then
			sed 's/^/  | /' "$c_dir/err" >>"$c_dir/report"
		else
			sed '5q; s/^/  | /' "$c_dir/err" >>"$c_dir/report"
		fi
	fi
	return "$c_ok"
}

marked() {
	sed 1q "$suite/$1.sh" | grep -q '^# posix-differs-from-dash:'
}

# worker K: handles cases K, K+jobs, K+2*jobs, ... of the list
worker() {
	w_i=0
	while IFS= read -r w_name; do
		w_i=$((w_i + 1))
		[ $(((w_i - 1) % jobs)) -eq "$1" ] || continue
		w_res=$tmp/res/$w_i
		mkdir -p "$w_res"
		run_one "$shell" "$w_name" "$w_res/t"
		if check "$w_name" "$w_res/t"; then
			echo pass >"$w_res/result"
		else
			echo fail >"$w_res/result"
		fi
		mv "$w_res/t/report" "$w_res/report"
		if [ "$diffmode" = 1 ]; then
			run_one dash "$w_name" "$w_res/d"
			if check "$w_name" "$w_res/d"; then
				echo agree >"$w_res/dash"
			else
				echo differ >"$w_res/dash"
			fi
			mv "$w_res/d/report" "$w_res/dreport"
		fi
		chmod -R u+rwx "$w_res/t" "$w_res/d" 2>/dev/null
		rm -rf "$w_res/t" "$w_res/d"
	done <"$tmp/list"
}

mkdir "$tmp/res"
k=0
while [ "$k" -lt "$jobs" ]; do
	worker "$k" &
	workers="$workers $!"
	k=$((k + 1))
done
wait
workers=

passed=0 failed=0 agree=0 differ=0 dmarked=0
: >"$tmp/dash-marked"
: >"$tmp/dash-unexpected"
: >"$tmp/dash-marked-agree"
i=0
while IFS= read -r name; do
	i=$((i + 1))
	res=$tmp/res/$i
	read -r result <"$res/result" 2>/dev/null || result=fail
	note=
	marked "$name" && note=" (marked posix-differs-from-dash)"
	if [ "$result" = pass ]; then
		passed=$((passed + 1))
		[ "$verbose" = 1 ] && echo "PASS $name"
	else
		failed=$((failed + 1))
		echo "FAIL $name$note"
		[ -f "$res/report" ] && cat "$res/report"
	fi
	if [ "$diffmode" = 1 ]; then
		read -r d <"$res/dash" 2>/dev/null || d=differ
		if [ "$d" = agree ]; then
			agree=$((agree + 1))
			marked "$name" && echo "$name" >>"$tmp/dash-marked-agree"
		else
			differ=$((differ + 1))
			if marked "$name"; then
				dmarked=$((dmarked + 1))
				why=$(sed '1!d; s/^# posix-differs-from-dash: *//' "$suite/$name.sh")
				echo "  $name: $why" >>"$tmp/dash-marked"
			else
				echo "  $name" >>"$tmp/dash-unexpected"
				[ -f "$res/dreport" ] && sed 's/^/  /' "$res/dreport" >>"$tmp/dash-unexpected"
			fi
		fi
	fi
done <"$tmp/list"

if [ "$diffmode" = 1 ]; then
	echo
	echo "dash disagreements, expected (marked posix-differs-from-dash):"
	if [ -s "$tmp/dash-marked" ]; then cat "$tmp/dash-marked"; else echo "  (none)"; fi
	echo "dash disagreements, unexpected:"
	if [ -s "$tmp/dash-unexpected" ]; then cat "$tmp/dash-unexpected"; else echo "  (none)"; fi
	if [ -s "$tmp/dash-marked-agree" ]; then
		echo "marked posix-differs-from-dash but dash agrees (stale mark?):"
		sed 's/^/  /' "$tmp/dash-marked-agree"
	fi
	echo "dash: $agree agree, $differ differ ($dmarked marked posix-differs)"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
