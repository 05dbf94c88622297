echo a#b #c
echo #x
echo 'a' # comment; echo not-run
  # indented comment
echo done # trailing \
echo next-line-runs
