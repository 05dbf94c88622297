printf '%s|%d|%i|%o|%x|%X|%u|%c|%%\n' str 42 -7 8 255 255 3 char
printf '%d %d %d\n' 0x1f 010 -0
printf '%o %x\n' 0 0
