for w in in esac then fi done do '}' elif else; do
  $SH -c "$w" 2>/dev/null; echo "$w: st=$?"
done
$SH -c 'echo in; echo esac' 2>/dev/null; echo "args: st=$?"
