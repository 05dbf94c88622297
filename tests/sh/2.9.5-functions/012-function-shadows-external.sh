ls() { echo "not the real ls"; }
ls
command ls nonexistent-xyz 2>/dev/null || echo real-ls-failed
