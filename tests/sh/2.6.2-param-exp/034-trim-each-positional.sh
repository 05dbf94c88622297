# posix-differs-from-dash: POSIX leaves ${@#p} unspecified; bash, ksh, zsh and yash trim each parameter, dash only the first
set -- ab ac "a d"
printf '[%s]\n' "${@#a}"
printf '[%s]\n' "${@%c}"
printf '<%s>\n' "${*#a}"
set -- "src/" "docs/" "README"
for d in "${@%/}"; do echo "dir $d"; done
IFS=:
set -- x1 x2
printf '(%s)\n' ${@##x} "${*##x}"
set --
printf '{%s}\n' "${@#a}"
echo end
