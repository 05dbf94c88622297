printf 'f() {\n  cat <<EOF\nin $1\nEOF\n}\nf stdin-script\n' | $SH
