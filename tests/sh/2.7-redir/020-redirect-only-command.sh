>empty
[ -f empty ] && [ ! -s empty ] && echo created-empty
<empty && echo input-ok
<nonexistent 2>/dev/null || echo input-failed
