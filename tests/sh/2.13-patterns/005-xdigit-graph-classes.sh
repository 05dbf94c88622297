for c in a F g 0 ' ' '~'; do
  r=
  case $c in [[:xdigit:]]) r="$r xdigit";; esac
  case $c in [[:graph:]]) r="$r graph";; esac
  echo "[$c]$r"
done
