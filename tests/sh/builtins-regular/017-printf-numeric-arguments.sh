printf '%d %d %d %d\n' "'a" '"A' +5 -5
printf '%d\n' 9223372036854775807
printf '%u %x\n' 10 10
