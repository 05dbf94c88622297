base=$(pwd -P); cd "$base"
mkdir real; ln -s real link
cd link
echo "L: ${PWD#$base}"
echo "pwd: $(pwd | sed "s|^$base||")"
echo "pwd -P: $(pwd -P | sed "s|^$base||")"
cd ..
echo "after ..: [${PWD#$base}]"
cd -P link
echo "-P: ${PWD#$base}"
cd "$base"
cd -L link/..
echo "-L link/..: [${PWD#$base}]"
