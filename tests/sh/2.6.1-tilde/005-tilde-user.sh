expected=$(awk -F: '$1 == "root" { print $6; exit }' /etc/passwd)
[ "$(echo ~root)" = "$expected" ] && echo root-home
[ "$(echo ~root/x)" = "$expected/x" ] && echo root-home-slash
