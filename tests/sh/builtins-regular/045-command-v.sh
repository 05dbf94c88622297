alias ll='ls -l'
f() { :; }
command -v echo
command -v f
command -v ll
command -v if
command -v ls | grep -q '^/' && echo ls-absolute
command -v nosuch-cmd-xyz; echo "missing-nonzero=$([ $? -ne 0 ] && echo yes)"
