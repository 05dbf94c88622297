cat <<-EOF
	tab-indented
		two-tabs
    spaces-kept
	EOF
cat <<-'Q'
	quoted $x
	Q
