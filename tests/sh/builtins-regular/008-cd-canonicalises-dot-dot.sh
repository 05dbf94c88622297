base=$PWD
mkdir -p p/q
cd p/./q/../q/.
echo "${PWD#$base}"
cd ./../../p
echo "${PWD#$base}"
