mkdir sub
printf 'echo "in-sub: $0"\n' >sub/t.sh
cd sub
$SH t.sh
$SH ./t.sh
