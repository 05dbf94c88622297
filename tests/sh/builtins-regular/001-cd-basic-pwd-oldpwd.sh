base=$PWD
mkdir -p a/b
cd a/b
echo "${PWD#$base}"
echo "${OLDPWD#$base}"
cd ../..
echo "[${PWD#$base}]"
echo "${OLDPWD#$base}"
