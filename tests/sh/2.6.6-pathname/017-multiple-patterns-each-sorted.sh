touch y2 y1 x2 x1
echo y* x*
