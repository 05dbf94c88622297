base=$(pwd -P); cd "$base"
mkdir t; ln -s t s
cd s
[ "$(pwd -L)" = "$base/s" ] && echo logical
[ "$(pwd -P)" = "$base/t" ] && echo physical
