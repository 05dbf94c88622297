for i in 1 2; do
  case $i in
    1) if true; then while false; do :; done; echo "i1"; fi ;;
    2) { (echo "i2"); } ;;
  esac
done
