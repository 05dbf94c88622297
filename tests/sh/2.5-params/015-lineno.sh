# posix-differs-from-dash: Debian's dash is built without LINENO (it expands to nothing)
echo $LINENO
echo "$LINENO"
f() {
  case $LINENO in ''|*[!0-9]*) echo "f:bad" ;; *) echo "f:numeric" ;; esac
}
f
x=$LINENO; echo $x
