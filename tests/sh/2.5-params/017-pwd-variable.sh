[ "$PWD" = "$(pwd)" ] && echo pwd-matches
mkdir sub
cd sub
case $PWD in */sub) echo pwd-updated ;; esac
cd ..
[ "$PWD" = "$(pwd)" ] && echo pwd-back
