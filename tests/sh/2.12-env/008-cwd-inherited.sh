mkdir sub
cd sub
sh -c 'pwd' | sed 's|.*/||'
(pwd) | sed 's|.*/||'
