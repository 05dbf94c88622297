3>f3 :
echo x >&3 2>/dev/null || echo fd3-not-open
>created
ls created
