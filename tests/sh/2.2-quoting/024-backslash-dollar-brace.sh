x=v
printf '%s|' \${x} "\${x}" "$\{x}" '${x}'; echo
