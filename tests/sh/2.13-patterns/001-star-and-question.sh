for w in '' a ab abc; do
  case $w in ?) r=one;; ??*) r=two-plus;; *) r=empty;; esac
  echo "[$w] $r"
done
