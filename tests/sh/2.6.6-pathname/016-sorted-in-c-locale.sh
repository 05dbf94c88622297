touch B a _ Z 9 '~t'
for f in *; do printf '%s ' "$f"; done; echo
