alias x1='echo A'; x1 2>/dev/null || echo not-yet
x1
