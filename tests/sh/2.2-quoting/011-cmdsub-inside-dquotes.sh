echo "$(echo "inner  spaces")"
echo "outer $(echo "in $(echo "deep  er")") end"
x="$(printf 'a\nb')"; echo "$x"
