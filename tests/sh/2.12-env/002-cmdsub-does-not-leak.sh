y=1
: $(y=2; cd /)
echo "y=$y dir=${PWD##*/}"
