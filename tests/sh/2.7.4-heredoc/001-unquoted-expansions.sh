x=val
cat <<EOF
x=$x braces=${x} cmd=$(echo c) arith=$((2+3)) bq=`echo b`
escaped=\$x back=\\ tick=\`
EOF
