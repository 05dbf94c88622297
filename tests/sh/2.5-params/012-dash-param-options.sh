case $- in *f*) echo f-before ;; *) echo no-f ;; esac
set -f
case $- in *f*) echo f-set ;; esac
set +f -u
case $- in *f*) echo f-still ;; *u*) echo u-set ;; esac
set +u
