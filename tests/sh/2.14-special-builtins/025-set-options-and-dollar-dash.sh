set -f -u -C
case $- in *f*u*|*u*f*) echo fu-set ;; esac
case $- in *C*) echo C-set ;; esac
set +fuC
case $- in *[fuC]*) echo still-set ;; *) echo cleared ;; esac
set -o noglob
case $- in *f*) echo o-noglob ;; esac
set +o noglob
