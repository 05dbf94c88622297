printf 'echo "$0|$#|$1|$2"\n' >s.sh
$SH s.sh one 'two words'
$SH ./s.sh
mkdir d; cp s.sh d/
$SH d/s.sh x
