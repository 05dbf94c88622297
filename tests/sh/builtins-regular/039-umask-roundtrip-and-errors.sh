umask 022
saved=$(umask)
umask 077
umask "$saved"
umask -S
umask xyz 2>/dev/null; echo "bad-st-nonzero=$([ $? -ne 0 ] && echo yes)"
umask -S
