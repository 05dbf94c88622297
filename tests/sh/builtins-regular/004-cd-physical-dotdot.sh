base=$(pwd -P); cd "$base"
mkdir -p deep/inner; ln -s deep/inner short
cd -P short/..
echo "${PWD#$base}"
cd "$base"; cd short; cd -P ..
echo "${PWD#$base}"
