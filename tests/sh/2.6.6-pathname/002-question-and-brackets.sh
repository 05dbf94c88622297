touch a1 a2 a3 ab b1
echo a? a[12] a[!1] a[1-2] [ab][0-9]
