command -V echo >/dev/null; echo "builtin=$?"
command -V nosuch-cmd-xyz >/dev/null 2>&1; echo "missing-nonzero=$([ $? -ne 0 ] && echo yes)"
command -V ls | grep -q ls && echo mentions-name
