# posix-differs-from-dash: dash reads a script on a pipe ahead in blocks, so the input meant for read is consumed by the shell (POSIX 2.1/sh: the shell shall not read ahead)
printf 'read x\nhello\necho got $x\n' | $SH
printf 'read a\nline-for-a\nread b\nline-for-b\necho "$a|$b"\n' | $SH
printf 'read x\necho got $x\nhello\n' | $SH 2>/dev/null; echo "st=$?"
