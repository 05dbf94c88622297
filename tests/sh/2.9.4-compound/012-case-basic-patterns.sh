for w in apple banana cherry date '' 'a b'; do
  case $w in
    apple|banana) echo "$w: fruit1" ;;
    c*) echo "$w: c-word" ;;
    ????) echo "$w: four" ;;
    '') echo "empty" ;;
    *' '*) echo "$w: has space" ;;
  esac
done
