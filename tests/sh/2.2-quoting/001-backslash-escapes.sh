x=val
echo \a\b\$x \\ \' \" \| \& \; \< \> \( \) \` \*
echo a\ \ b c\
d
