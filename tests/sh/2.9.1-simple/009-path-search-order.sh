mkdir b1 b2
printf '#!/bin/sh\necho from-b1\n' >b1/tool
printf '#!/bin/sh\necho from-b2\n' >b2/tool
chmod +x b1/tool b2/tool
PATH="$PWD/b1:$PWD/b2:$PATH" tool
PATH="$PWD/b2:$PWD/b1:$PATH" tool
chmod -x b1/tool
PATH="$PWD/b1:$PWD/b2:$PATH"
hash -r 2>/dev/null
tool
