trap 'echo first' EXIT
trap 'echo second' EXIT
trap - EXIT
trap 'echo third' EXIT
