# posix-differs-from-dash: dash reads a script on a pipe ahead in blocks, so cat finds nothing left to read
printf 'cat\nthis line is read by cat\nand this\n' | $SH
printf 'read x\nskipped-line\necho "after [$x]"\n' | $SH
