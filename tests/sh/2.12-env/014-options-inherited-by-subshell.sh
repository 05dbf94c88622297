set -f
(echo *; case $- in *f*) echo sub-has-f;; esac)
set +f
