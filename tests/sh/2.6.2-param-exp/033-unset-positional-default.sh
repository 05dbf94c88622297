set -- a
echo "${2-two-unset}" "${2:-two-empty}" "${1:+one-set}"
set -- a ''
echo "${2-x}|${2:-y}|${2+z}|${2:+w}"
