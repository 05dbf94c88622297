for w in abc axbxc ab abcabc; do
  case $w in a*b*c) echo "$w: yes" ;; *) echo "$w: no" ;; esac
done
