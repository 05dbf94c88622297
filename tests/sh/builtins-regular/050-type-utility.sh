type echo >/dev/null; echo "echo=$?"
type nosuch-cmd-xyz >/dev/null 2>&1; echo "missing-nonzero=$([ $? -ne 0 ] && echo yes)"
f() { :; }
type f | grep -q f && echo names-function
type ls | grep -q ls && echo names-path
