HOME=/home/test
echo "~" '~' \~ ~"" ~\/x
echo ~/ok
