{ echo a; }
{echo} 2>/dev/null; echo "st=$?"
echo }
echo {
{ echo b
}
