unset n1 n2
n1=one
export n1 n2=two n3
sh -c 'echo "${n1-u}|${n2-u}|${n3-u}"'
