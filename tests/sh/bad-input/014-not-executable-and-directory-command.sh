mkdir d; printf 'echo x\n' >f; chmod 644 f
./d 2>err; echo "dir=$?"; [ -s err ] && echo dir-message
./f 2>err; echo "noexec=$?"; [ -s err ] && echo noexec-message
