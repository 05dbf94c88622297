exec 5>&1
exec >out
echo into-file
exec >&5 5>&-
echo back
cat out
