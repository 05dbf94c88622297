E=exported-by-exec $SH -c 'exec sh -c "echo \$E"'
$SH -c 'V=ok exec sh -c "echo V=\$V"'
