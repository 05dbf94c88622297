umask 077
mkdir d; ls -ld d | cut -c1-10
umask 000
mkdir e; ls -ld e | cut -c1-10
