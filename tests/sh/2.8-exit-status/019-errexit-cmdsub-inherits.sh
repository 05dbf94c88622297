$SH -ec 'x=$(false; echo inner-after); echo "outer [$x]"' ; echo "st=$?"
