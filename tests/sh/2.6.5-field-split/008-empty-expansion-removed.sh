e=
set -- $e; echo $#
set -- "$e"; echo $#
set -- $e""; echo $#
set -- $e $e a $e; echo $#
set -- ''$e; echo $#
