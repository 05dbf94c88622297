/* times.c - STUB: to be replaced by the real implementation */
#include "builtin.h"
#include "shell.h"
int builtin_times(struct shell *sh, int argc, char **argv) { sh_error(sh, "%s: not implemented", argv[0]); return 2; }
