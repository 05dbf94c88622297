for c in A z 5 ' ' '.' '_' '	'; do
  r=
  case $c in [[:upper:]]) r="$r upper";; esac
  case $c in [[:lower:]]) r="$r lower";; esac
  case $c in [[:digit:]]) r="$r digit";; esac
  case $c in [[:alpha:]]) r="$r alpha";; esac
  case $c in [[:alnum:]]) r="$r alnum";; esac
  case $c in [[:space:]]) r="$r space";; esac
  case $c in [[:blank:]]) r="$r blank";; esac
  case $c in [[:punct:]]) r="$r punct";; esac
  case $c in [[:print:]]) r="$r print";; esac
  case $c in [[:cntrl:]]) r="$r cntrl";; esac
  echo "[$c]$r"
done
