for c in a b m z 5 - ']' '!'; do
  case $c in
    [a-c]) echo "$c: a-c" ;;
    [!a-z0-9]) echo "$c: not-alnum" ;;
    [0-9]) echo "$c: digit" ;;
    *) echo "$c: other" ;;
  esac
done
