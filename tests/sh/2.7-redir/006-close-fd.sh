exec 3>f
exec 3>&-
echo x >&3 2>/dev/null || echo write-to-closed-failed
(echo y >&-) 2>/dev/null; echo "closed-stdout-done"
