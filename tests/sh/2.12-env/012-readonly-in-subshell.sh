readonly R=1
(R=2) 2>/dev/null || echo "subshell-readonly-failed"
echo "R=$R"
