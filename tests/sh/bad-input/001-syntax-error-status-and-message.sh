for s in 'if true; then' 'fi' ')' ';;' 'echo (' 'done' '{ }' 'a | | b' '&& b' 'case x in' 'for x in a; do' 'echo "unterminated' "echo 'unterminated" 'echo $(echo' 'echo ${x' 'echo `x' 'while; do :; done'; do
  $SH -c "$s" >/dev/null 2>err
  st=$?
  printf '%-20s st=%s msg=%s\n' "$s" "$st" "$([ -s err ] && echo yes || echo no)"
done
