exec 7>seven
sh -c 'echo via-seven >&7'
(echo sub-seven >&7)
exec 7>&-
cat seven
