kill -0 $$; echo "self=$?"
sleep 0 & p=$!; wait $p
kill -0 $p 2>/dev/null; echo "reaped-st-nonzero=$([ $? -ne 0 ] && echo yes)"
kill -s NOSUCHSIG $$ 2>/dev/null; echo "badsig-st-nonzero=$([ $? -ne 0 ] && echo yes)"
