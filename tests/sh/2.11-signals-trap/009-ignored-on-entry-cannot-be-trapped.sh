trap '' USR2
$SH -c 'trap "echo caught" USR2; kill -USR2 $$; echo end-of-child'
