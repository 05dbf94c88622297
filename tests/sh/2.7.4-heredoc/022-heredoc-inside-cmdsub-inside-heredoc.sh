cat <<OUTER
outer $(cat <<INNER
inner
INNER
) done
OUTER
