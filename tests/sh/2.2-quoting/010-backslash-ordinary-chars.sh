echo \z\ \ y \- \1 \x41
printf '%s|' a\\b a\\\\b; echo
