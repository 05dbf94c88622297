echo first >f
set -C
echo second >f 2>/dev/null || echo "refused"
cat f
echo third >|f
cat f
echo ok >/dev/null && echo devnull-ok
echo app >>f; cat f
echo brand >new; cat new
set +C
echo fourth >f; cat f
