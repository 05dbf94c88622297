fd=1
echo hi >&$fd
t=f; echo data >$t; cat <$t
