HOME=$PWD/home; mkdir home
for d in ~ ~/x; do echo "${d#$PWD/}"; done
case ~ in "$HOME") echo case-word ;; esac
echo data >~/file
cat home/file
