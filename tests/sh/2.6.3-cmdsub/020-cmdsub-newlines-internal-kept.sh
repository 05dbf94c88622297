x=$(printf 'a\n\nb')
printf '%s' "$x" | od -An -c | tr -s ' '
