nosuchcommand-xyz 2>/dev/null; echo $?
./nosuchfile 2>/dev/null; echo $?
nosuchcommand-xyz arg >out 2>/dev/null; echo "$? [$(cat out)]"
