hash -r; echo "r=$?"
hash ls; echo "ls=$?"
hash nosuch-cmd-xyz 2>/dev/null; echo "missing-nonzero=$([ $? -ne 0 ] && echo yes)"
mkdir b1 b2
printf '#!/bin/sh\necho one\n' >b1/tool; chmod +x b1/tool
PATH="$PWD/b2:$PWD/b1:$PATH"
tool
printf '#!/bin/sh\necho two\n' >b2/tool; chmod +x b2/tool
hash -r
tool
