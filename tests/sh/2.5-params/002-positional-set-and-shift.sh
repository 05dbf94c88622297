set -- one "two words" three
echo $# "$2"
shift
echo $# "$1"
set --
echo $# "[$1]"
