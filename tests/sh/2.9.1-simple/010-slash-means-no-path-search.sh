mkdir bin
printf '#!/bin/sh\necho in-bin\n' >bin/t
chmod +x bin/t
bin/t
./bin/t
PATH=/nonexistent t 2>/dev/null || echo not-in-path
