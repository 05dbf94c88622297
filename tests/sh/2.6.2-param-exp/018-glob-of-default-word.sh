touch g1 g2
unset u
echo ${u:-g*} "${u:-g*}" ${u:-"g*"}
