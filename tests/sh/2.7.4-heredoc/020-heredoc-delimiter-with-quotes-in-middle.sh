cat <<'E O'
space delim
E O
