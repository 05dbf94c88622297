x=1
mkdir d
(x=2; cd d; umask 077; f() { :; }; set -f; echo "in: $x ${PWD##*/}")
echo "out: $x ${PWD##*/}"
command -v f >/dev/null || echo no-f
case $- in *f*) echo noglob-leaked ;; *) echo noglob-isolated ;; esac
