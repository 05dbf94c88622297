{ echo ping; sleep 0.3; echo late; } | { read -r a; echo "got $a"; read -r b; echo "got $b"; }
sleep 0.2 | echo immediate
