set -- '' "" a "" ''
echo $#
set -- '' ; echo $#
set -- $nothing ; echo $#
set -- "$nothing" ; echo $#
set -- a''b ; echo "$#:$1"
