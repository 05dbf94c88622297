#!/bin/sh
# deps.sh - checks (and, as root, installs) what building and testing hersh
# needs on Debian 12.
#
#   sh scripts/deps.sh [build|test]
#
# "build" needs the compiler and libraries; "test" adds the reference
# shells and tools the test suites drive.  As root, missing packages are
# installed with apt-get; otherwise the script stops and prints the exact
# apt-get line to run.
set -u
what=${1:-build}

build_pkgs="gcc make pkg-config libreadline-dev libncurses-dev libseccomp-dev libsqlite3-dev zlib1g-dev"
test_pkgs="dash bash python3 tmux procps wamerican"

# Is a Debian package installed?
have_pkg() {
	dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'ok installed'
}

pkgs=$build_pkgs
[ "$what" = test ] && pkgs="$build_pkgs $test_pkgs"

missing=
if command -v dpkg-query >/dev/null 2>&1; then
	for p in $pkgs; do
		have_pkg "$p" || missing="$missing $p"
	done
else
	# not Debian: check the tools and headers directly
	command -v cc >/dev/null 2>&1 || missing="$missing gcc"
	pkg-config --exists sqlite3 libseccomp 2>/dev/null ||
		missing="$missing libsqlite3-dev libseccomp-dev"
fi

[ -z "$missing" ] && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
	echo "deps: installing:$missing" >&2
	export DEBIAN_FRONTEND=noninteractive
	if ! apt-get install -y -q $missing >/dev/null 2>&1; then
		apt-get update -q >/dev/null 2>&1
		apt-get install -y -q $missing >&2 || exit 1
	fi
	exit 0
fi
echo "hersh: missing build dependencies:$missing" >&2
echo "install them with:  sudo apt-get install$missing" >&2
exit 1
