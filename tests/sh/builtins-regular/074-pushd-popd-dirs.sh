# posix-differs-from-dash: not POSIX; pushd, popd and dirs as in bash (dash has none)
d=${TMPDIR:-/tmp}/hersh-dirs.$$
mkdir -p "$d/a" "$d/b" "$d/c"
HOME=$d
cd "$d"
pushd a; pushd ../b; pushd "$d/c"
dirs; dirs -v; dirs -p
pushd; pushd +2; pushd -0
popd; popd +1; dirs
popd; popd 2>/dev/null; echo "rc=$?"
popd 2>/dev/null; echo "empty: $?"
pushd 2>/dev/null; echo "no other: $?"
pushd /nonexistent/dir 2>/dev/null; echo "bad: $?"
cd "$d"; pushd a >/dev/null; dirs -c; dirs
cd /; rm -rf "$d"
