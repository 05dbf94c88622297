touch g1 g2
set -f
echo g*
set +f
echo g*
