printf 'read line\necho "script got: $line"\n' >r.sh
echo piped-data | $SH r.sh
