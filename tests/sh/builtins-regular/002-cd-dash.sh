base=$PWD
mkdir x y
cd x; cd ../y
cd - | sed "s|^$base|B|"
echo "${PWD#$base}"
cd - >/dev/null
echo "${PWD#$base}"
