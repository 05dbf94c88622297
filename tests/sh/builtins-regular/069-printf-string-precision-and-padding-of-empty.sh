printf '[%3s][%-3s][%.0s]\n' '' '' abc
printf '[%.0d]\n' 0 | tr -d '\n'; echo
