printf 'echo "noshebang:$1:$#"\nx=local\necho "x=$x"\n' >s
chmod +x s
./s arg1 arg2
echo "x after: [${x-unset}]"
mkdir p; cp s p/pscript
PATH="$PWD/p:$PATH" pscript via-path
