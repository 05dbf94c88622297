x=val
printf '%s\n' '$x `echo no` $(echo no) \n \\ "d" *'
printf '%s\n' 'a'\''b' ''\'''
