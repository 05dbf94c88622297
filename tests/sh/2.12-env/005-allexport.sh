set -a
A1=auto
set +a
A2=manual
sh -c 'echo "A1=${A1-unset} A2=${A2-unset}"'
