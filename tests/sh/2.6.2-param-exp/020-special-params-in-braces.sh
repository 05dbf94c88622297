set -- a b
echo ${#} ${?} ${1} "${@}" "${*}"
[ "${$}" = "$$" ] && echo pid-braced
case ${-} in *) echo dash-braced ;; esac
