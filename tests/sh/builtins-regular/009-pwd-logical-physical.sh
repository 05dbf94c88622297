base=$(pwd -P); cd "$base"
mkdir r; ln -s r l; cd l
pwd -L | sed "s|^$base||"
pwd -P | sed "s|^$base||"
pwd | sed "s|^$base||"
case $(pwd) in /*) echo absolute ;; esac
case $(pwd) in */./*|*/../*) echo not-canonical ;; *) echo canonical ;; esac
