# posix-differs-from-dash: not POSIX; source (as in bash, ksh and zsh) runs a file like dot, a missing file is not fatal; logout outside a login shell is an error
d=${TMPDIR:-/tmp}/hersh-source.$$
mkdir -p "$d"
printf 'echo "in file: $# [${1-}]"; FROM_FILE=yes\n' >"$d/lib.sh"
source "$d/lib.sh"
echo "FROM_FILE=$FROM_FILE"
set -- outer
source "$d/lib.sh" a b
echo "after: $# $1"
source "$d/missing.sh" 2>/dev/null
echo "missing: $?"
(cd "$d" && PATH=/nonexistent source lib.sh)
source() { echo "a function wins"; }
source x
unset -f source
logout 2>/dev/null
echo "logout: $?"
rm -rf "$d"
