set -e
if false; then echo no; fi
while false; do :; done
until true; do :; done
! true
false || true
false && true
echo survived
