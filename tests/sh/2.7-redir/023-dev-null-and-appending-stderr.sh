{ echo e1 >&2; } 2>>log
{ echo e2 >&2; } 2>>log
cat log
ls nonexistent-file 2>/dev/null || echo quiet-failure
