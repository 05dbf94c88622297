set -- $(true); echo $#
set -- "$(true)"; echo $#
set -- x$(true)y; echo "$#:$1"
$(true); echo "st=$?"
