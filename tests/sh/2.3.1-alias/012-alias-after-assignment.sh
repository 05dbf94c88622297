alias show='echo shown'
x=1 show
