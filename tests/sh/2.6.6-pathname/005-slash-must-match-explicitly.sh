mkdir -p d1/sub d2
touch d1/f1 d1/sub/f2 d2/f3
echo */f*
echo d*/s*/f*
echo *
echo d1/*
