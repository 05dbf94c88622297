x=1 >"f$x"
ls f*
