x=X
cat <<-EOF
	$x	tab-inside
	EOF
