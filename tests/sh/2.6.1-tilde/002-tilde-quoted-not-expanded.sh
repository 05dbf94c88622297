HOME=/h
echo "~" '~' \~ "~/x" ~\/x ~"/x" ~""
