p=dir/sub/file.c
echo "${p%/*}" "${p##*/}" "${p#*/}" "${p%%/*}"
d=nodir; echo "${d%/*}" "${d##*/}"
