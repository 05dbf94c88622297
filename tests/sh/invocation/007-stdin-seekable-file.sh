# posix-differs-from-dash: dash reads a script on standard input ahead and does not seek back before running read
printf 'read x\nconsumed-by-read\necho "x=$x"\n' >script
$SH <script
