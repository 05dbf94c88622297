e=; s=val
echo "${s?msg} ${s:?msg} [${e?msg}]"
