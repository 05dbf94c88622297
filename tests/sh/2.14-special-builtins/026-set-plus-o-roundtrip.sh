set -o noglob -o noclobber
saved=$(set +o)
set +o noglob +o noclobber
eval "$saved"
case $- in *f*) echo noglob-restored ;; esac
case $- in *C*) echo noclobber-restored ;; esac
set +f +C
