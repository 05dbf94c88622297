x=/a/b/c.txt
y=${x##*/}; echo "${y%.*}"
unset u
echo "${u:-${x%/*}}" "${x#${x%%/b*}}"
