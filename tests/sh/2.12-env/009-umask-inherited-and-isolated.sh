umask 022
(umask 077; umask -S)
umask -S
sh -c "umask -S"
