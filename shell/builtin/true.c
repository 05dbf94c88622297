/* true.c - STUB: to be replaced by the real implementation */
#include "builtin.h"
#include "shell.h"
int builtin_true(struct shell *sh, int argc, char **argv) { sh_error(sh, "%s: not implemented", argv[0]); return 2; }
int builtin_false(struct shell *sh, int argc, char **argv) { sh_error(sh, "%s: not implemented", argv[0]); return 2; }
int builtin_colon(struct shell *sh, int argc, char **argv) { sh_error(sh, "%s: not implemented", argv[0]); return 2; }
