$SH -c 'echo $PPID' >p1
echo "$$" >p2
cmp -s p1 p2 && echo ppid-is-parent
case $PPID in ''|*[!0-9]*) echo bad ;; *) echo ppid-numeric ;; esac
