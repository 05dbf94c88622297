export EA=1 EB='two words' EC="it's"
export -p >exported
unset EA EB EC
. ./exported
sh -c 'echo "$EA|$EB|$EC"'
grep -c '^export EA' exported
