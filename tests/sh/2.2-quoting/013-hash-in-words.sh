echo a#b '#c' \#d "#e" #comment here
echo x;#comment after semicolon
echo $#
