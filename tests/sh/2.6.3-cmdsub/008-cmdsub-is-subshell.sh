x=1
y=$(x=2; echo $x)
echo "$x $y"
z=$(cd /; pwd)
[ "$PWD" != / ] && echo cwd-unchanged
$(exit 5)
echo "bare-status=$?"
