umask 027
umask -S
touch f1; ls -l f1 | cut -c1-10
umask u=rwx,g=rx,o=
umask -S
umask g-x
umask -S
umask a+r
umask -S
umask o=rwx,g=
umask -S
