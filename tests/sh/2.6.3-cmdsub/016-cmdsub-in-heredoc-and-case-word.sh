case $(echo abc) in abc) echo case-word ;; esac
cat <<EOF
val=$(echo inside)
bq=`echo bqinside`
EOF
