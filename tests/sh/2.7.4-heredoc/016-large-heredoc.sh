body=$(i=0; while [ $i -lt 8000 ]; do echo "line $i of a large here-document"; i=$((i+1)); done)
eval "cat <<EOF >out
$body
EOF"
wc -l <out | tr -d ' '
tail -n 1 out
