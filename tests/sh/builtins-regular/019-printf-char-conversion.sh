printf '[%c][%c][%c]\n' abc 1 ' x'
