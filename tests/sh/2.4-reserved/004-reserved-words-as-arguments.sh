echo then fi do done esac
for w in done esac fi then; do echo "$w"; done
set -- in do; echo "$1 $2"
