printf '#!/bin/sh\necho cwd-tool\n' >cwdtool
chmod +x cwdtool
PATH=":$PATH" cwdtool
PATH="$PATH:" cwdtool
PATH="/nonexistent::$PATH" cwdtool
