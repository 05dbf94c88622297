trap 'echo x' NOSUCHSIG 2>err; echo "st-nonzero=$([ $? -ne 0 ] && echo yes)"
[ -s err ] && echo has-message
