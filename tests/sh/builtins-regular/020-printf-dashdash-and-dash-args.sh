printf -- '%s\n' -n
printf '%s\n' -- -x
