for w in '*' 'a' 'a*b' 'aXb'; do
  case $w in
    "*") echo "$w: literal star" ;;
    'a*b') echo "$w: literal a*b" ;;
    a*b) echo "$w: glob a*b" ;;
    *) echo "$w: other" ;;
  esac
done
