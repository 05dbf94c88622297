: ; echo $?
false; : ignored args; echo $?
: ${v:=assigned}; echo "$v"
: >created; [ -f created ] && echo redirect-done
