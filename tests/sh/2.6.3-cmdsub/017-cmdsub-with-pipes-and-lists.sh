x=$(echo abc | tr a-c A-C; echo second && echo third)
echo $x
