printf '[%5s][%-5s][%.2s][%5.1s]\n' abc abc abc abc
printf '[%05d][%+d][% d][%-4d][%.3d][%3d]\n' 42 5 5 7 7 12345
printf '[%#o][%#x][%#X]\n' 8 255 255
