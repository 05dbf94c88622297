unset RV
readonly RV
echo "[${RV-unset}]"
$SH -c 'readonly RV; RV=x' 2>/dev/null; echo "st-nonzero=$([ $? -ne 0 ] && echo yes)"
