f() { echo fn; }
$SH -c 'f' 2>/dev/null || echo not-inherited
(f)
