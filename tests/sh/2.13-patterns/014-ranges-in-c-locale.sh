for c in B b '^'; do
  case $c in [A-Z]) echo "$c: upper-range" ;; [a-z]) echo "$c: lower-range" ;; *) echo "$c: none" ;; esac
done
