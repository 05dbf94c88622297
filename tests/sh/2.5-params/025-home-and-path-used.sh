HOME=$PWD/h; mkdir h
cd; case $PWD in */h) echo cd-home ;; esac
cd ..
PATH=/nonexistent-dir
ls 2>/dev/null; echo "st=$?"
