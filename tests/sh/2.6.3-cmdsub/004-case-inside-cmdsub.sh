x=$(case foo in
  foo) echo matched-foo ;;
  *) echo other ;;
esac)
echo "$x"
y=$(for w in a b; do case $w in a) echo A;; b) echo B;; esac; done)
echo $y
