mkdir h
HOME=$PWD/h
cd
case $PWD in */h) echo at-home ;; esac
