x=val
printf '%s\n' "a\$x \`c\` \\ \"q\" \x \n $x"
printf '%s|' "back\\slash" "end\\"; echo
