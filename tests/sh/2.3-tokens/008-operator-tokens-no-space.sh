printf 'L1\nL2\n' >in
cat<in|sed 1d
exec 3<>rw;echo rw>&3;exec 3>&-;cat rw
set -C;echo nc>|in;cat in
cat<<-EOF
	tabbed
	EOF
