x='a.b[c]d'
echo "${x%\[*}" "${x#*[.]}" "${x%[[:alpha:]]}" "${x##*[![:alpha:]]}"
