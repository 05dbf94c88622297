f() { trap 'echo from-f-trap' USR1; }
f
kill -USR1 $$
