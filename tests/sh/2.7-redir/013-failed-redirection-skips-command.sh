echo ran >marker <nonexistent 2>/dev/null
[ -f marker ] && echo earlier-redirection-done
[ -s marker ] || echo command-not-run
echo ran2 <nonexistent >marker2 2>/dev/null
[ -f marker2 ] || echo later-redirection-not-done
