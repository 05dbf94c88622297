printf 'false\n' >r1.sh
. ./r1.sh; echo "last=$?"
printf 'echo before-return\nreturn 4\necho never\n' >r2.sh
. ./r2.sh; echo "return=$?"
printf '' >empty.sh
false; . ./empty.sh; echo "empty=$?"
