a='$b'; b='$c'; c=end
eval echo $a
eval eval echo $a
eval "echo \"\$a\""
