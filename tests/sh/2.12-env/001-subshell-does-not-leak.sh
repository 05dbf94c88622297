x=1; mkdir d
(x=2; export NEWVAR=1; cd d; unset HOME; alias zz=true; f() { :; })
echo "x=$x newvar=[${NEWVAR-unset}] dir=${PWD##*/} home=$([ -n "$HOME" ] && echo set)"
command -v f >/dev/null || echo no-function
