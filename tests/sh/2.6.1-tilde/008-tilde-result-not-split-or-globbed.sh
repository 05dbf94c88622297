mkdir 'a b'; touch 'a b/x1' 'a b/x2'
HOME=$PWD/'a b'
set -- ~; echo $#
HOME='*'; echo ~
